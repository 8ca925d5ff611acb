import { ApiError } from '../api/client';
import type { Job } from '../api/types';
import { JobPoller } from '../jobs/poller';
import { errorBox, heading, loading, statusLabel } from './common';
import type { Page } from './context';
import { h } from './dom';
import { formatDateTime, formatDuration, formatNumber } from './format';

/** The steps a job goes through, in order, as the job page shows them. */
export const STEPS = [
  { id: 'queued', label: 'Queued' },
  { id: 'preprocess', label: 'Preprocess' },
  { id: 'categorize', label: 'Categorize' },
  { id: 'build-persona', label: 'Build persona' },
] as const;

type StepId = (typeof STEPS)[number]['id'];

/** Where a job is: the index in STEPS of the step it is on, STEPS.length once done. */
export function stepIndex(job: Job): number {
  switch (job.status) {
    case 'AWAITING_UPLOAD':
      return -1;
    case 'QUEUED':
      return 0;
    case 'RUNNING':
      return Math.max(1, STEPS.findIndex((step) => step.id === job.step));
    default:
      return STEPS.length;
  }
}

/**
 * When each step started, as far as the polls saw: a job's updatedAt is when its latest state was written, so it is
 * the start of the step it is on. A step too quick to be seen has no time.
 */
export class StepClock {
  readonly started = new Map<StepId, number>();
  finished: number | null = null;

  observe(job: Job): void {
    const index = stepIndex(job);
    if (job.queuedAt) {
      this.started.set('queued', Date.parse(job.queuedAt));
    }
    if (index >= 0 && index < STEPS.length && !this.started.has(STEPS[index].id)) {
      this.started.set(STEPS[index].id, Date.parse(job.updatedAt));
    }
    if (job.finishedAt) {
      this.finished = Date.parse(job.finishedAt);
    }
  }

  /** How long a step took (done), has taken so far (current), or null when unknown. */
  elapsed(index: number, current: number, now: number): number | null {
    const start = this.started.get(STEPS[index].id);
    if (start === undefined) {
      return null;
    }
    if (index === current) {
      return now - start;
    }
    for (let later = index + 1; later < STEPS.length; later++) {
      const next = this.started.get(STEPS[later].id);
      if (next !== undefined) {
        return later === index + 1 ? next - start : null;
      }
    }
    return this.finished !== null && index === STEPS.length - 1 ? this.finished - start : null;
  }
}

function stepList(job: Job, clock: StepClock, now: number): HTMLOListElement {
  const current = stepIndex(job);
  const failed = job.status === 'FAILED';
  return h('ol', { class: 'steps', id: 'steps' }, STEPS.map((step, index) => {
    let state: string;
    if (failed && index === Math.max(0, lastSeen(clock))) {
      state = 'failed';
    } else if (index < current || (failed && index < lastSeen(clock))) {
      state = 'done';
    } else if (index === current) {
      state = 'current';
    } else {
      state = 'pending';
    }
    const elapsed = clock.elapsed(index, failed ? -1 : current, now);
    const stateWords = { done: 'done', current: 'in progress', pending: 'not started', failed: 'failed' }[state];
    return h('li', { class: `step step-${state}`, 'data-step': step.id, 'aria-current': state === 'current' ? 'step' : undefined },
      h('span', { class: 'step-marker', 'aria-hidden': 'true' }, { done: '✓', current: '●', pending: '○', failed: '✕' }[state]),
      h('span', { class: 'step-label' }, step.label),
      h('span', { class: 'step-state' }, stateWords,
        elapsed !== null && state !== 'pending' ? ` · ${formatDuration(elapsed)}` : ''));
  }));
}

function lastSeen(clock: StepClock): number {
  let last = -1;
  STEPS.forEach((step, index) => {
    if (clock.started.has(step.id)) {
      last = index;
    }
  });
  return last;
}

function summary(job: Job): HTMLElement {
  const counts = job.counts ?? {};
  const rows: [string, string][] = [
    ['File', job.filename ?? '–'],
    ['Status', statusLabel(job.status)],
    ['Uploaded', formatDateTime(job.queuedAt ?? job.createdAt)],
  ];
  if (job.finishedAt) {
    rows.push(['Finished', formatDateTime(job.finishedAt)]);
  }
  if (job.detectedFormat) {
    rows.push(['Format', job.detectedFormat]);
  }
  if (counts.recordsRead !== undefined) {
    rows.push(['Records read', formatNumber(counts.recordsRead)]);
  }
  if (counts.recordsKept !== undefined) {
    rows.push(['Records used', formatNumber(counts.recordsKept)]);
  }
  if (counts.recordsRejected !== undefined) {
    rows.push(['Records rejected', formatNumber(counts.recordsRejected)]);
  }
  if (counts.duplicatesRemoved !== undefined) {
    rows.push(['Duplicates removed', formatNumber(counts.duplicatesRemoved)]);
  }
  return h('dl', { class: 'facts', id: 'job-facts' }, rows.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

/** One job, followed until it has finished: its steps with their times, then the persona link or the error. */
export const jobPage: Page = (context, main, parameters) => {
  const jobId = parameters.id;
  const clock = new StepClock();
  const status = h('p', { id: 'job-status', class: 'job-status', role: 'status' }, 'Checking the job…');
  const steps = h('div', { id: 'job-steps' });
  const facts = h('div');
  const outcome = h('div', { id: 'job-outcome' });
  const problem = h('div', { 'aria-live': 'polite' });
  let latest: Job | null = null;
  let lastAnnounced = '';

  const renderSteps = (): void => {
    if (latest) {
      steps.replaceChildren(stepList(latest, clock, Date.now()));
    }
  };

  const render = (): void => {
    if (!latest) {
      return;
    }
    const job = latest;
    const text = job.status === 'RUNNING' && job.step
      ? `Running: ${STEPS[stepIndex(job)].label.toLowerCase()}`
      : statusLabel(job.status);
    status.textContent = text;
    status.dataset.status = job.status;
    if (text !== lastAnnounced) {
      lastAnnounced = text;
      context.announce(`Job ${text.toLowerCase()}`);
    }
    renderSteps();
    facts.replaceChildren(summary(job));
    if (job.status === 'SUCCEEDED') {
      outcome.replaceChildren(h('div', { class: 'notice notice-success' },
        h('p', {}, job.persona?.archetype ? `Your persona is ready: ${job.persona.archetype}.` : 'Your persona is ready.'),
        h('p', {}, h('a', { href: `/personas/${encodeURIComponent(job.jobId)}`, class: 'button button-primary',
          id: 'open-persona' }, 'See your persona'))));
    } else if (job.status === 'FAILED') {
      outcome.replaceChildren(h('div', { class: 'notice notice-error', role: 'alert', id: 'job-error' },
        h('p', {}, h('strong', {}, job.error?.code ?? 'Failed')),
        h('p', {}, job.error?.message ?? 'The pipeline could not build a persona from this file.'),
        h('p', {}, h('a', { href: '/upload' }, 'Upload another file'))));
    } else if (job.status === 'AWAITING_UPLOAD') {
      outcome.replaceChildren(h('p', { class: 'muted' },
        'The upload has not arrived. If you cancelled it, this job disappears within a day.'));
    } else {
      outcome.replaceChildren();
    }
  };

  const poller = new JobPoller(
    (etag) => context.api.pollJob(jobId, etag),
    (job) => {
      latest = job;
      clock.observe(job);
      problem.replaceChildren();
      render();
    },
    (error, nextAttemptMs) => {
      if (error instanceof ApiError && error.status === 404) {
        status.textContent = 'No such job';
        problem.replaceChildren(errorBox(error));
        return;
      }
      problem.replaceChildren(errorBox(error, nextAttemptMs > 0
        ? `Trying again in ${formatDuration(nextAttemptMs)}:` : undefined));
    });
  // The current step's time runs on between polls; the rest of the page changes only with the job.
  const ticker = setInterval(() => {
    if (latest && (latest.status === 'SUCCEEDED' || latest.status === 'FAILED')) {
      clearInterval(ticker);
    }
    renderSteps();
  }, 1000);

  main.replaceChildren(heading('Your upload'), status, problem, steps, outcome, h('h2', {}, 'Details'), facts);
  steps.replaceChildren(loading());
  poller.start();
  return {
    title: 'Job',
    leave: () => {
      poller.stop();
      clearInterval(ticker);
    },
  };
};
