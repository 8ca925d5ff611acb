import { describe, expect, it } from 'vitest';
import { ApiError, type JobPoll } from '../../main/ts/api/client';
import type { Job } from '../../main/ts/api/types';
import { JobPoller, nextDelayMs, type PollerEnvironment } from '../../main/ts/jobs/poller';

function job(status: Job['status'], step?: Job['step']): Job {
  return { jobId: 'J1', status, step, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:01Z', links: { self: '/v1/jobs/J1' } };
}

class FakeEnvironment implements PollerEnvironment {
  hidden = false;
  timers: { callback: () => void; ms: number }[] = [];
  visibleListener: (() => void) | null = null;
  isHidden(): boolean { return this.hidden; }
  onVisible(listener: () => void): () => void { this.visibleListener = listener; return () => { this.visibleListener = null; }; }
  setTimer(callback: () => void, ms: number): unknown { const timer = { callback, ms }; this.timers.push(timer); return timer; }
  clearTimer(timer: unknown): void { this.timers = this.timers.filter((t) => t !== timer); }
  async fire(): Promise<void> { const timer = this.timers.shift(); timer?.callback(); await flush(); }
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('nextDelayMs', () => {
  it('honours Retry-After, never polls sooner than a second, and waits 2 s without it', () => {
    expect(nextDelayMs({ retryAfterSeconds: 5, hiddenPolls: 0, failures: 0 })).toBe(5000);
    expect(nextDelayMs({ retryAfterSeconds: 0, hiddenPolls: 0, failures: 0 })).toBe(1000);
    expect(nextDelayMs({ hiddenPolls: 0, failures: 0 })).toBe(2000);
  });

  it('backs off while hidden and after failures, within limits', () => {
    expect(nextDelayMs({ retryAfterSeconds: 2, hiddenPolls: 1, failures: 0 })).toBe(4000);
    expect(nextDelayMs({ retryAfterSeconds: 2, hiddenPolls: 3, failures: 0 })).toBe(16000);
    expect(nextDelayMs({ retryAfterSeconds: 2, hiddenPolls: 20, failures: 0 })).toBe(120000);
    expect(nextDelayMs({ hiddenPolls: 0, failures: 3 })).toBe(16000);
    expect(nextDelayMs({ hiddenPolls: 0, failures: 10 })).toBe(30000);
    expect(nextDelayMs({ retryAfterSeconds: 60, hiddenPolls: 0, failures: 1 })).toBe(60000);
  });
});

describe('JobPoller', () => {
  it('sends the last ETag, treats 304 as unchanged, follows Retry-After and stops when the job has finished', async () => {
    const environment = new FakeEnvironment();
    const etags: (string | null)[] = [];
    const answers: JobPoll[] = [
      { changed: true, job: job('QUEUED'), etag: '"a"', retryAfterSeconds: 3 },
      { changed: false, retryAfterSeconds: 1 },
      { changed: true, job: job('RUNNING', 'categorize'), etag: '"b"', retryAfterSeconds: 1 },
      { changed: true, job: job('SUCCEEDED'), etag: '"c"' },
    ];
    const seen: string[] = [];
    const poller = new JobPoller(async (etag) => { etags.push(etag); return answers.shift()!; },
      (j) => seen.push(j.status), () => {}, environment);
    poller.start();
    await flush();
    expect(environment.timers.map((t) => t.ms)).toEqual([3000]);
    await environment.fire();
    expect(environment.timers.map((t) => t.ms)).toEqual([1000]);
    await environment.fire();
    await environment.fire();
    expect(etags).toEqual([null, '"a"', '"a"', '"b"']);
    expect(seen).toEqual(['QUEUED', 'RUNNING', 'SUCCEEDED']);
    expect(environment.timers).toHaveLength(0);
    expect(environment.visibleListener).toBeNull();
  });

  it('slows down while the tab is hidden and polls at once when it is shown again', async () => {
    const environment = new FakeEnvironment();
    let polls = 0;
    const poller = new JobPoller(async () => { polls++; return { changed: false, retryAfterSeconds: 2 }; },
      () => {}, () => {}, environment);
    environment.hidden = true;
    poller.start();
    await flush();
    expect(environment.timers[0].ms).toBe(4000);
    await environment.fire();
    expect(environment.timers[0].ms).toBe(8000);
    environment.hidden = false;
    environment.visibleListener?.();
    await flush();
    expect(polls).toBe(3);
    expect(environment.timers.map((t) => t.ms)).toEqual([2000]);
    poller.stop();
  });

  it('backs off after server errors and honours their Retry-After, but gives up on a 404', async () => {
    const environment = new FakeEnvironment();
    const problems: number[] = [];
    const failures = [new ApiError(503, 'SERVICE_UNAVAILABLE', 'busy', undefined, [], 7), new ApiError(0, 'NETWORK', 'offline'),
      new ApiError(404, 'NOT_FOUND', 'no such job')];
    const poller = new JobPoller(async () => { throw failures.shift(); }, () => {},
      (_error, next) => problems.push(next), environment);
    poller.start();
    await flush();
    await environment.fire();
    await environment.fire();
    expect(problems).toEqual([7000, 8000, -1]);
    expect(environment.timers).toHaveLength(0);
  });
});
