import type { JobPoll } from '../api/client';
import { ApiError } from '../api/client';
import type { Job } from '../api/types';

/** How long to wait before the next poll of a job. */
export interface PollTiming {
  /** Retry-After of the last answer, in seconds. */
  retryAfterSeconds?: number;
  /** Polls in a row while the tab was hidden. */
  hiddenPolls: number;
  /** Failed polls in a row. */
  failures: number;
}

const DEFAULT_DELAY_MS = 2000;
const MIN_DELAY_MS = 1000;
const MAX_VISIBLE_DELAY_MS = 30_000;
const MAX_HIDDEN_DELAY_MS = 120_000;

/**
 * The API's Retry-After (or 2 s) while the tab is visible, never sooner; doubled for each failure in a row; and
 * doubled for each poll in a row while the tab is hidden, up to two minutes.
 */
export function nextDelayMs(timing: PollTiming): number {
  const asked = timing.retryAfterSeconds !== undefined ? timing.retryAfterSeconds * 1000 : DEFAULT_DELAY_MS;
  let delay = Math.max(MIN_DELAY_MS, asked);
  if (timing.failures > 0) {
    delay = Math.max(delay, Math.min(MAX_VISIBLE_DELAY_MS, DEFAULT_DELAY_MS * 2 ** timing.failures));
  }
  if (timing.hiddenPolls > 0) {
    delay = Math.max(delay, Math.min(MAX_HIDDEN_DELAY_MS, delay * 2 ** timing.hiddenPolls));
  }
  return delay;
}

export interface PollerEnvironment {
  isHidden(): boolean;
  onVisible(listener: () => void): () => void;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

export const browserEnvironment: PollerEnvironment = {
  isHidden: () => document.visibilityState === 'hidden',
  onVisible: (listener) => {
    const handler = (): void => {
      if (document.visibilityState === 'visible') {
        listener();
      }
    };
    document.addEventListener('visibilitychange', handler);
    return () => document.removeEventListener('visibilitychange', handler);
  },
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

export function isFinished(job: Job): boolean {
  return job.status === 'SUCCEEDED' || job.status === 'FAILED';
}

/**
 * Follows one job until it has finished, as the API intends: conditional GETs with the last ETag (304 while
 * nothing changed), the answer's Retry-After honoured, slower while the tab is hidden and at once when it is shown
 * again, backing off after failures.
 */
export class JobPoller {
  private etag: string | null = null;
  private timer: unknown = null;
  private stopped = false;
  private inFlight = false;
  private readonly timing: PollTiming = { hiddenPolls: 0, failures: 0 };
  private readonly stopListening: () => void;

  constructor(
    private readonly poll: (etag: string | null) => Promise<JobPoll>,
    private readonly onJob: (job: Job) => void,
    private readonly onProblem: (error: unknown, nextAttemptMs: number) => void,
    private readonly environment: PollerEnvironment = browserEnvironment,
  ) {
    this.stopListening = environment.onVisible(() => {
      if (!this.stopped && !this.inFlight) {
        this.environment.clearTimer(this.timer);
        this.timing.hiddenPolls = 0;
        void this.tick();
      }
    });
  }

  start(): void {
    void this.tick();
  }

  stop(): void {
    this.stopped = true;
    this.environment.clearTimer(this.timer);
    this.stopListening();
  }

  private async tick(): Promise<void> {
    if (this.stopped) {
      return;
    }
    this.inFlight = true;
    const hidden = this.environment.isHidden();
    try {
      const answer = await this.poll(this.etag);
      this.timing.failures = 0;
      this.timing.retryAfterSeconds = answer.retryAfterSeconds;
      if (answer.changed) {
        this.etag = answer.etag;
        this.onJob(answer.job);
        if (isFinished(answer.job)) {
          this.stop();
          return;
        }
      }
    } catch (error) {
      if (error instanceof ApiError && error.status !== 0 && error.status < 500 && error.status !== 429) {
        this.onProblem(error, -1);
        this.stop();
        return;
      }
      this.timing.failures++;
      this.timing.retryAfterSeconds = error instanceof ApiError ? error.retryAfterSeconds : undefined;
      this.onProblem(error, nextDelayMs(this.timing));
    } finally {
      this.inFlight = false;
    }
    if (this.stopped) {
      return;
    }
    this.timing.hiddenPolls = hidden ? this.timing.hiddenPolls + 1 : 0;
    this.timer = this.environment.setTimer(() => void this.tick(), nextDelayMs(this.timing));
  }
}
