import { ApiError } from '../api/client';
import { h } from './dom';

/** The page's heading, focused when the page opens so screen readers start there. */
export function heading(text: string): HTMLHeadingElement {
  return h('h1', { tabindex: -1, id: 'page-heading' }, text);
}

/** An error message in plain words, announced as it appears. */
export function errorBox(error: unknown, prefix?: string): HTMLElement {
  const message = error instanceof Error ? error.message : String(error);
  const box = h('div', { class: 'notice notice-error', role: 'alert' },
    h('p', {}, prefix ? `${prefix} ${message}` : message));
  if (error instanceof ApiError && error.requestId) {
    box.append(h('p', { class: 'muted' }, `Request id (quote it when reporting this): ${error.requestId}`));
  }
  if (error instanceof ApiError && error.fieldErrors.length > 0) {
    box.append(h('ul', {}, error.fieldErrors.map((field) => h('li', {}, `${field.field}: ${field.message}`))));
  }
  return box;
}

export function loading(text = 'Loading…'): HTMLElement {
  return h('p', { class: 'muted', role: 'status' }, text);
}

/** A table that scrolls sideways on narrow screens, reachable by keyboard. */
export function scrollTable(label: string, table: HTMLTableElement): HTMLElement {
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': label, tabindex: 0 }, table);
}

export function statusLabel(status: string): string {
  switch (status) {
    case 'AWAITING_UPLOAD': return 'Waiting for the upload';
    case 'QUEUED': return 'Queued';
    case 'RUNNING': return 'Running';
    case 'SUCCEEDED': return 'Done';
    case 'FAILED': return 'Failed';
    default: return status;
  }
}
