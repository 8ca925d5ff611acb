import { ACCEPTED_EXTENSIONS, checkFile } from '../upload/checks';
import { isAbort } from '../upload/transfer';
import { xhrTransport } from '../upload/transfer';
import { FileRefused, uploadFile, type UploadUpdate } from '../upload/uploader';
import { errorBox, heading } from './common';
import type { Page } from './context';
import { h } from './dom';
import { formatBytes } from './format';
import { ProgressView } from './progress';

/** Choosing a file (picker or drag and drop), checking it, and sending it with a progress bar and Cancel. */
export const uploadPage: Page = (context, main) => {
  let selected: File | null = null;
  let controller: AbortController | null = null;

  const input = h('input', { type: 'file', id: 'file-input', class: 'visually-hidden-focusable',
    accept: ACCEPTED_EXTENSIONS, 'aria-describedby': 'file-help' });
  const chosen = h('p', { id: 'file-chosen', class: 'file-chosen' }, 'No file chosen yet.');
  const dropZone = h('label', { for: 'file-input', class: 'drop-zone', id: 'drop-zone' },
    h('span', { class: 'drop-zone-title' }, 'Choose a file'),
    h('span', { class: 'muted' }, ' or drop it here'));
  const help = h('p', { id: 'file-help', class: 'muted' },
    'A Google Takeout archive (.zip or .tgz) or its files (My Activity in HTML or JSON, YouTube, Chrome), '
    + 'Spotify streaming history, Netflix ViewingActivity.csv, or your own CSV, JSON Lines or JSON events, '
    + `optionally gzip-compressed; up to ${formatBytes(context.config.maxUploadBytes)}. `
    + `Files over ${formatBytes(context.config.multipartThresholdBytes)} are sent in parts.`);
  const profileInput = h('input', { type: 'text', id: 'viewing-profile', name: 'viewingProfile', maxlength: 100,
    autocomplete: 'off', 'aria-describedby': 'viewing-profile-help' });
  const profileField = h('div', { class: 'field' },
    h('label', { for: 'viewing-profile' }, 'Netflix profile (optional)'),
    profileInput,
    h('p', { id: 'viewing-profile-help', class: 'muted' },
      'For a Netflix export: only this profile\'s viewing goes into your persona. Leave it empty to keep every profile.'));
  const messages = h('div', { id: 'upload-messages', 'aria-live': 'polite' });
  const uploadButton = h('button', { type: 'submit', class: 'button button-primary', id: 'upload-button',
    disabled: true }, 'Upload');
  const cancelButton = h('button', { type: 'button', class: 'button', id: 'cancel-button', hidden: true }, 'Cancel');
  const progress = new ProgressView({ bar: 'upload-progress', label: 'progress-label', text: 'progress-text' });

  const choose = (file: File | undefined): void => {
    messages.replaceChildren();
    selected = file ?? null;
    if (!file) {
      chosen.textContent = 'No file chosen yet.';
      uploadButton.disabled = true;
      return;
    }
    chosen.textContent = `${file.name} · ${formatBytes(file.size)}`;
    const refusal = checkFile(file, context.config.maxUploadBytes);
    uploadButton.disabled = refusal !== null;
    if (refusal) {
      messages.replaceChildren(errorBox(new FileRefused(refusal)));
    }
  };
  input.addEventListener('change', () => choose(input.files?.[0]));
  dropZone.addEventListener('dragover', (event) => {
    event.preventDefault();
    dropZone.classList.add('drop-zone-active');
  });
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('drop-zone-active'));
  dropZone.addEventListener('drop', (event) => {
    event.preventDefault();
    dropZone.classList.remove('drop-zone-active');
    choose(event.dataTransfer?.files?.[0]);
  });

  const show = (update: UploadUpdate): void => {
    if (update.phase === 'registering') {
      progress.say('Registering the upload…', update.progress);
    } else {
      progress.show(update.progress, update.method);
    }
  };

  const form = h('form', { class: 'upload-form', id: 'upload-form', novalidate: true },
    dropZone, input, chosen, help, profileField, messages, progress.element,
    h('div', { class: 'actions' }, uploadButton, cancelButton));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!selected || controller) {
      return;
    }
    controller = new AbortController();
    uploadButton.disabled = true;
    input.disabled = true;
    profileInput.disabled = true;
    cancelButton.hidden = false;
    progress.hidden = false;
    messages.replaceChildren();
    context.announce(`Uploading ${selected.name}`);
    try {
      const jobId = await uploadFile(selected, context.api, context.config, show, controller.signal, xhrTransport,
        { viewingProfile: profileInput.value });
      context.announce('Upload complete. Following the pipeline.');
      context.navigate(`/jobs/${encodeURIComponent(jobId)}`);
    } catch (error) {
      progress.hidden = true;
      if (isAbort(error)) {
        messages.replaceChildren(h('div', { class: 'notice', role: 'status' }, h('p', {}, 'Upload cancelled. Nothing was kept.')));
      } else {
        messages.replaceChildren(errorBox(error));
      }
      uploadButton.disabled = false;
      input.disabled = false;
      profileInput.disabled = false;
    } finally {
      controller = null;
      cancelButton.hidden = true;
    }
  });
  cancelButton.addEventListener('click', () => controller?.abort());

  main.replaceChildren(heading('Upload your activity'),
    h('p', {}, 'Your file goes straight to storage, encrypted, and the pipeline starts as soon as it arrives.'),
    form);
  return { title: 'Upload', leave: () => controller?.abort() };
};
