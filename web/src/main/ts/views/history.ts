import type { Job } from '../api/types';
import { errorBox, heading, loading, scrollTable, statusLabel } from './common';
import type { Page } from './context';
import { h } from './dom';
import { formatDateTime, formatNumber } from './format';

function row(job: Job): HTMLTableRowElement {
  const link = job.status === 'SUCCEEDED'
    ? h('a', { href: `/personas/${encodeURIComponent(job.jobId)}` }, job.persona?.archetype ?? 'See the persona')
    : h('a', { href: `/jobs/${encodeURIComponent(job.jobId)}` }, 'See the job');
  return h('tr', { 'data-job': job.jobId },
    h('th', { scope: 'row' }, job.filename ?? job.jobId),
    h('td', {}, formatDateTime(job.queuedAt ?? job.createdAt)),
    h('td', {}, h('span', { class: `badge badge-${job.status.toLowerCase()}` }, statusLabel(job.status)),
      job.error ? h('span', { class: 'muted' }, ` ${job.error.code}`) : null),
    h('td', {}, link));
}

/** Past jobs, newest first, a page at a time with the API's cursor; and deleting everything, after confirmation. */
export const historyPage: Page = (context, main) => {
  const body = h('tbody', { id: 'history-rows' });
  const table = h('table', { class: 'data-table', id: 'history-table' },
    h('caption', { class: 'visually-hidden' }, 'Your uploads, newest first'),
    h('thead', {}, h('tr', {}, ['File', 'Uploaded', 'Status', 'Result'].map((label) => h('th', { scope: 'col' }, label)))),
    body);
  const list = h('div', { id: 'history' }, loading());
  const more = h('button', { type: 'button', class: 'button', id: 'load-more', hidden: true }, 'Show older uploads');
  const problem = h('div', { 'aria-live': 'polite' });
  let cursor: string | undefined;
  let shown = 0;

  const load = async (): Promise<void> => {
    more.disabled = true;
    try {
      const page = await context.api.jobs(cursor);
      page.items.forEach((job) => body.append(row(job)));
      shown += page.items.length;
      cursor = page.nextCursor;
      more.hidden = !cursor;
      if (shown === 0) {
        list.replaceChildren(h('p', { id: 'history-empty' }, 'You have no uploads. ',
          h('a', { href: '/upload' }, 'Upload a file'), ' to get your persona.'));
      } else {
        list.replaceChildren(scrollTable('Your uploads', table));
      }
      problem.replaceChildren();
    } catch (error) {
      problem.replaceChildren(errorBox(error));
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => void load());

  main.replaceChildren(heading('Your uploads'), problem, list, more, deleteSection(context, async () => {
    body.replaceChildren();
    cursor = undefined;
    shown = 0;
    await load();
  }));
  void load();
  return { title: 'History' };
};

const CONFIRMATION_WORD = 'delete';

function deleteSection(context: Parameters<Page>[0], afterDeletion: () => Promise<void>): HTMLElement {
  const result = h('div', { id: 'delete-result', 'aria-live': 'polite' });
  const confirmInput = h('input', { type: 'text', id: 'delete-confirmation', autocomplete: 'off',
    'aria-describedby': 'delete-explanation', spellcheck: 'false' });
  const confirmButton = h('button', { type: 'submit', class: 'button button-danger', id: 'delete-confirm', disabled: true },
    'Delete everything');
  const cancel = h('button', { type: 'button', class: 'button', id: 'delete-cancel' }, 'Keep my data');
  const dialog = h('dialog', { id: 'delete-dialog', 'aria-labelledby': 'delete-dialog-title' },
    h('form', { method: 'dialog', id: 'delete-form' },
      h('h2', { id: 'delete-dialog-title' }, 'Delete all your data?'),
      h('p', { id: 'delete-explanation' }, 'This deletes every file you uploaded, every persona and every job, and '
        + `cannot be undone. Type “${CONFIRMATION_WORD}” to confirm.`),
      h('p', {}, h('label', { for: 'delete-confirmation' }, 'Confirmation'), confirmInput),
      h('div', { class: 'actions' }, confirmButton, cancel)));
  const open = h('button', { type: 'button', class: 'button button-danger', id: 'delete-all' }, 'Delete all my data');

  confirmInput.addEventListener('input', () => {
    confirmButton.disabled = confirmInput.value.trim().toLowerCase() !== CONFIRMATION_WORD;
  });
  open.addEventListener('click', () => {
    confirmInput.value = '';
    confirmButton.disabled = true;
    dialog.showModal();
    confirmInput.focus();
  });
  cancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => open.focus());
  dialog.querySelector('form')?.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (confirmButton.disabled) {
      return;
    }
    confirmButton.disabled = true;
    try {
      const report = await context.api.deleteMyData();
      dialog.close();
      const objects = Object.values(report.deleted.objects).reduce((sum, count) => sum + count, 0);
      result.replaceChildren(h('div', { class: 'notice notice-success', role: 'status' },
        h('p', {}, `Deleted: ${formatNumber(objects)} files, ${formatNumber(report.deleted.jobRecords)} jobs and `
          + `${formatNumber(report.deleted.personaRecords)} personas.`)));
      context.announce('All your data was deleted.');
      await afterDeletion();
    } catch (error) {
      dialog.close();
      result.replaceChildren(errorBox(error, 'Deleting did not complete; try again:'));
    }
  });

  return h('section', { class: 'card danger-zone', 'aria-labelledby': 'danger-heading' },
    h('h2', { id: 'danger-heading' }, 'Your data'),
    h('p', {}, 'You can delete everything this app keeps about you: uploads, intermediate files, personas and jobs.'),
    open, result, dialog);
}
