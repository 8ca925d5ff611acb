import type { LibraryFile } from '../api/types';
import { awaitAvailable, checkLibraryFile, isQuotaExceeded, quotaMessage, uploadToLibrary } from '../files/library';
import { isAbort } from '../upload/transfer';
import { FileRefused } from '../upload/uploader';
import { errorBox, heading, scrollTable } from './common';
import type { AppContext, Page } from './context';
import { h } from './dom';
import { formatBytes, formatDateTime } from './format';
import { ProgressView } from './progress';
import { confirmDialog, Pager, successNotice } from './records';

function stateBadge(file: LibraryFile): HTMLElement {
  return file.state === 'AVAILABLE'
    ? h('span', { class: 'badge badge-succeeded', 'data-state': file.state }, 'Available')
    : h('span', { class: 'badge badge-queued', 'data-state': file.state }, 'Upload pending');
}

/**
 * Opens the file's download: its signed URL is asked for at the moment of the click (it is valid for minutes only)
 * and followed; the file is stored as an attachment, so the browser saves it and stays on this page.
 */
async function download(context: AppContext, file: LibraryFile, messages: HTMLElement): Promise<void> {
  try {
    const fresh = await context.api.file(file.fileId);
    if (!fresh.download) {
      messages.replaceChildren(errorBox(new Error(`“${file.name}” has not arrived yet, so it cannot be downloaded.`)));
      return;
    }
    messages.replaceChildren();
    location.assign(fresh.download.url);
  } catch (error) {
    messages.replaceChildren(errorBox(error, 'No download:'));
  }
}

/** The file library: upload with progress (within the quotas), the files with their state, download, delete. */
export const filesPage: Page = (context, main) => {
  const messages = h('div', { id: 'files-messages', 'aria-live': 'polite' });
  const body = h('tbody', { id: 'files-rows' });
  const table = h('table', { class: 'data-table stacked-table', id: 'files-table' },
    h('caption', { class: 'visually-hidden' }, 'Your files, newest first'),
    h('thead', {}, h('tr', {}, ['File', 'Size', 'State', 'Added', 'Actions'].map((label) => h('th', { scope: 'col' }, label)))),
    body);
  let pager: Pager<LibraryFile>;
  const controllers = new Set<AbortController>();

  const row = (file: LibraryFile): HTMLElement => {
    const actions = h('td', { class: 'row-actions' });
    const element = h('tr', { 'data-file': file.fileId, 'data-state': file.state },
      h('th', { scope: 'row', class: 'file-name' }, file.name),
      h('td', { class: 'nowrap' }, formatBytes(file.sizeBytes)),
      h('td', { class: 'nowrap' }, stateBadge(file)),
      h('td', { class: 'nowrap' }, formatDateTime(file.uploadedAt ?? file.createdAt)),
      actions);
    if (file.state === 'AVAILABLE') {
      const get = h('button', { type: 'button', class: 'link-button', 'data-download': file.fileId },
        'Download', h('span', { class: 'visually-hidden' }, ` ${file.name}`));
      get.addEventListener('click', () => void download(context, file, messages));
      actions.append(get, ' · ');
    }
    const remove = h('button', { type: 'button', class: 'link-button', 'data-delete': file.fileId },
      'Delete', h('span', { class: 'visually-hidden' }, ` ${file.name}`));
    remove.addEventListener('click', async () => {
      const confirmed = await confirmDialog({ id: 'delete-file-dialog', title: 'Delete this file?',
        message: `“${file.name}” (${formatBytes(file.sizeBytes)}) will be deleted for good.`, confirmLabel: 'Delete the file' });
      if (!confirmed) {
        return;
      }
      try {
        await context.api.deleteFile(file.fileId);
        element.remove();
        pager.removed();
        messages.replaceChildren(successNotice(`Deleted “${file.name}”.`));
        context.announce('The file was deleted.');
      } catch (error) {
        messages.replaceChildren(errorBox(error, 'Not deleted:'));
      }
    });
    actions.append(remove);
    return element;
  };

  pager = new Pager<LibraryFile>({
    load: (cursor) => context.api.files({ cursor }),
    item: row,
    items: body,
    view: scrollTable('Your files', table),
    empty: () => h('p', { id: 'files-empty' }, 'You keep no files here yet.'),
    id: 'files',
    moreId: 'files-more',
    moreLabel: 'Show older files',
  });

  /** The file's row, replaced by how it is now. */
  const replaceRow = (file: LibraryFile): void => {
    body.querySelector(`tr[data-file="${CSS.escape(file.fileId)}"]`)?.replaceWith(row(file));
  };

  main.replaceChildren(heading('Your files'),
    h('p', {}, 'Keep files of your own here and download them from anywhere. The pipeline never reads them.'),
    uploadForm(context, (file) => {
      pager.prepend(file);
      const controller = new AbortController();
      controllers.add(controller);
      void awaitAvailable(context.api, file.fileId, controller.signal)
        .then((latest) => {
          replaceRow(latest);
          if (latest.state === 'AVAILABLE') {
            context.announce(`${latest.name} is ready to download.`);
          }
        })
        .catch((error) => {
          if (!isAbort(error)) {
            messages.replaceChildren(errorBox(error));
          }
        })
        .finally(() => controllers.delete(controller));
    }, (controller) => controllers.add(controller)),
    h('section', { 'aria-labelledby': 'files-heading' }, h('h2', { id: 'files-heading' }, 'Stored files'), messages,
      pager.element));
  void pager.reload();
  return { title: 'Files', leave: () => controllers.forEach((controller) => controller.abort()) };
};

/** Choosing a file and sending it with progress and Cancel; `uploaded` gets the registered file. */
function uploadForm(context: AppContext, uploaded: (file: LibraryFile) => void,
  running: (controller: AbortController) => void): HTMLElement {
  let controller: AbortController | null = null;
  const input = h('input', { type: 'file', id: 'library-file', 'aria-describedby': 'library-file-help' });
  const messages = h('div', { id: 'library-messages', 'aria-live': 'polite' });
  const send = h('button', { type: 'submit', class: 'button button-primary', id: 'library-upload' }, 'Upload');
  const cancel = h('button', { type: 'button', class: 'button', id: 'library-cancel', hidden: true }, 'Cancel');
  const progress = new ProgressView({ bar: 'library-progress', label: 'library-progress-label', text: 'library-progress-text' });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    const refusal = file ? checkLibraryFile(file, context.config.maxUploadBytes) : null;
    if (refusal) {
      messages.replaceChildren(errorBox(new FileRefused(refusal)));
    } else {
      messages.replaceChildren();
    }
  });
  const form = h('form', { class: 'record-form', id: 'library-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'library-file' }, 'File'), input,
      h('p', { id: 'library-file-help', class: 'muted' },
        `Any file up to ${formatBytes(context.config.maxUploadBytes)}.`)),
    messages, progress.element, h('div', { class: 'actions' }, send, cancel));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = input.files?.[0];
    if (controller) {
      return;
    }
    if (!file) {
      messages.replaceChildren(errorBox(new FileRefused('Choose a file first.')));
      return;
    }
    controller = new AbortController();
    running(controller);
    send.disabled = true;
    input.disabled = true;
    cancel.hidden = false;
    progress.hidden = false;
    messages.replaceChildren();
    context.announce(`Uploading ${file.name}`);
    try {
      const registered = await uploadToLibrary(file, context.api, context.config.maxUploadBytes, (update) => {
        if (update.phase === 'registering') {
          progress.say('Registering the file…', update.progress);
        } else {
          progress.show(update.progress);
        }
      }, controller.signal);
      messages.replaceChildren(successNotice(`Uploaded “${registered.name}”.`, 'library-uploaded'));
      context.announce('Upload complete.');
      form.reset();
      uploaded(registered);
    } catch (error) {
      if (isAbort(error)) {
        messages.replaceChildren(h('div', { class: 'notice', role: 'status' }, h('p', {}, 'Upload cancelled. Nothing was kept.')));
      } else if (isQuotaExceeded(error)) {
        messages.replaceChildren(h('div', { class: 'notice notice-error', role: 'alert', id: 'quota-exceeded' },
          h('p', {}, h('strong', {}, 'Not uploaded.')),
          h('p', {}, quotaMessage(error.message))));
      } else {
        messages.replaceChildren(errorBox(error, 'Not uploaded:'));
      }
    } finally {
      controller = null;
      progress.hidden = true;
      send.disabled = false;
      input.disabled = false;
      cancel.hidden = true;
    }
  });
  cancel.addEventListener('click', () => controller?.abort());
  return h('section', { class: 'card', 'aria-labelledby': 'upload-file-heading' },
    h('h2', { id: 'upload-file-heading' }, 'Add a file'), form);
}
