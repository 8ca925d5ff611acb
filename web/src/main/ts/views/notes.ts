import { ApiError, type Versioned } from '../api/client';
import type { Note, NoteSummary } from '../api/types';
import { MAX_TITLE_LENGTH, noteInput } from '../records/notes';
import { formatTags, tagFilter } from '../records/tags';
import { errorBox, heading, loading } from './common';
import type { AppContext, Page } from './context';
import { h, replaceChildren } from './dom';
import { formatDateTime } from './format';
import { renderMarkdown } from './markdown';
import { confirmDialog, conflictNotice, Pager, tagFilterForm, tagLinks } from './records';

const LIST = '/notes';

function notePath(noteId: string): string {
  return `${LIST}/${encodeURIComponent(noteId)}`;
}

function noteItem(note: NoteSummary): HTMLElement {
  return h('li', { class: 'record', 'data-note': note.noteId },
    h('h2', { class: 'record-title' }, h('a', { href: notePath(note.noteId) }, note.title)),
    tagLinks(note.tags, LIST),
    h('p', { class: 'muted record-meta' }, `Changed ${formatDateTime(note.updatedAt)}`));
}

/** The notes, newest first, a page at a time; all or those with one tag. */
export const notesPage: Page = (context, main, parameters) => {
  const tag = tagFilter(parameters.tag);
  const items = h('ul', { class: 'record-list', id: 'notes-list' });
  const pager = new Pager<NoteSummary>({
    load: (cursor) => context.api.notes({ tag, cursor }),
    item: noteItem,
    items,
    view: items,
    empty: () => h('p', { id: 'notes-empty' }, tag ? `You have no notes tagged #${tag}. ` : 'You have no notes yet. ',
      h('a', { href: `${LIST}/new` }, 'Write a note'), '.'),
    id: 'notes',
    moreId: 'notes-more',
    moreLabel: 'Show older notes',
  });
  main.replaceChildren(heading('Your notes'),
    h('div', { class: 'actions' }, h('a', { href: `${LIST}/new`, class: 'button button-primary', id: 'new-note' }, 'New note')),
    tagFilterForm(context, LIST, tag, 'notes'),
    pager.element);
  void pager.reload();
  return { title: tag ? `Notes tagged ${tag}` : 'Notes' };
};

/** Deletes the note as it was read (If-Match), after asking; a change someone made since stops it. */
async function deleteNote(context: AppContext, note: Versioned<Note>, messages: HTMLElement,
  reload: () => void): Promise<void> {
  const confirmed = await confirmDialog({ id: 'delete-note-dialog', title: 'Delete this note?',
    message: `“${note.value.title}” will be deleted for good.`, confirmLabel: 'Delete the note' });
  if (!confirmed) {
    return;
  }
  try {
    await context.api.deleteNote(note.value.noteId, note.etag);
    context.announce('The note was deleted.');
    context.navigate(LIST);
  } catch (error) {
    messages.replaceChildren(error instanceof ApiError && error.status === 412
      ? conflictNotice('note', reload) : errorBox(error, 'Not deleted:'));
  }
}

/** One note: its Markdown rendered from text nodes only, its tags, Edit and Delete. */
export const notePage: Page = async (context, main, parameters) => {
  main.replaceChildren(heading('Note'), loading());
  let note: Versioned<Note>;
  try {
    note = await context.api.note(parameters.id);
  } catch (error) {
    main.replaceChildren(heading('Note'), errorBox(error), h('p', {}, h('a', { href: LIST }, 'Back to your notes')));
    return { title: 'Note' };
  }
  const messages = h('div', { id: 'note-messages', 'aria-live': 'polite' });
  const remove = h('button', { type: 'button', class: 'button button-danger', id: 'delete-note' }, 'Delete');
  remove.addEventListener('click', () => void deleteNote(context, note, messages,
    () => context.navigate(notePath(note.value.noteId), { replace: true })));
  replaceChildren(main,
    h('p', { class: 'eyebrow' }, h('a', { href: LIST }, 'Your notes')),
    heading(note.value.title),
    tagLinks(note.value.tags, LIST),
    h('p', { class: 'muted' }, `Written ${formatDateTime(note.value.createdAt)} · changed ${formatDateTime(note.value.updatedAt)}`),
    h('div', { class: 'actions' },
      h('a', { href: `${notePath(note.value.noteId)}/edit`, class: 'button button-primary', id: 'edit-note' }, 'Edit'),
      remove),
    messages,
    h('article', { id: 'note-body', class: 'card', 'aria-label': 'The note' }, renderMarkdown(note.value.body)));
  return { title: note.value.title };
};

/**
 * Writing a note, new (`/notes/new`) or changed (`/notes/:id/edit`), with a preview. A change is sent with the ETag
 * of the version read: when someone else saved in between, the person is told, can load that version, and keeps
 * what they typed to copy back.
 */
export const noteEditorPage: Page = async (context, main, parameters) => {
  const editing = parameters.id !== undefined;
  const pageTitle = editing ? 'Edit the note' : 'New note';
  let note: Versioned<Note> | null = null;
  if (editing) {
    main.replaceChildren(heading(pageTitle), loading());
    try {
      note = await context.api.note(parameters.id);
    } catch (error) {
      main.replaceChildren(heading(pageTitle), errorBox(error), h('p', {}, h('a', { href: LIST }, 'Back to your notes')));
      return { title: pageTitle };
    }
  }

  const title = h('input', { type: 'text', id: 'note-title', name: 'title', required: true, maxlength: MAX_TITLE_LENGTH,
    autocomplete: 'off' });
  const tags = h('input', { type: 'text', id: 'note-tags', name: 'tags', autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': 'note-tags-help' });
  const body = h('textarea', { id: 'note-body-input', name: 'body', rows: 16, 'aria-describedby': 'note-body-help' });
  const preview = h('div', { id: 'note-preview', class: 'card preview' });
  const unsaved = h('div', { id: 'note-unsaved-holder' });
  const messages = h('div', { id: 'note-messages', 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', class: 'button button-primary', id: 'note-save' }, 'Save');
  const cancel = h('a', { href: note ? notePath(note.value.noteId) : LIST, class: 'button', id: 'note-cancel' }, 'Cancel');

  let previewTimer: number | undefined;
  const updatePreview = (): void => {
    preview.replaceChildren(body.value.trim() === '' ? h('p', { class: 'muted' }, 'Nothing written yet.')
      : renderMarkdown(body.value));
  };
  const fill = (value: Note | null): void => {
    title.value = value?.title ?? '';
    tags.value = formatTags(value?.tags ?? []);
    body.value = value?.body ?? '';
    updatePreview();
  };
  body.addEventListener('input', () => {
    window.clearTimeout(previewTimer);
    previewTimer = window.setTimeout(updatePreview, 150);
  });

  /** Their version into the form; what this person typed kept beside it to copy from. */
  const loadCurrent = async (): Promise<void> => {
    if (!note) {
      return;
    }
    const typed = { title: title.value, tags: tags.value, body: body.value };
    try {
      note = await context.api.note(note.value.noteId);
    } catch (error) {
      messages.replaceChildren(errorBox(error));
      return;
    }
    fill(note.value);
    messages.replaceChildren(h('div', { class: 'notice', role: 'status', id: 'conflict-loaded' },
      h('p', {}, 'This is the note as it is saved now. Save to replace it with what the form holds.')));
    unsaved.replaceChildren(h('details', { class: 'card', open: true },
      h('summary', {}, 'What you had typed'),
      h('p', {}, h('strong', {}, 'Title: '), typed.title),
      h('p', {}, h('strong', {}, 'Tags: '), typed.tags),
      h('label', { for: 'note-unsaved' }, 'Text'),
      h('textarea', { id: 'note-unsaved', readonly: true, rows: 8 }, typed.body)));
    title.focus();
  };

  const form = h('form', { class: 'record-form note-form', id: 'note-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'note-title' }, 'Title'), title),
    h('div', { class: 'field' }, h('label', { for: 'note-tags' }, 'Tags'), tags,
      h('p', { id: 'note-tags-help', class: 'muted' }, 'Separated by commas or spaces, such as: reading, ideas')),
    h('div', { class: 'editor' },
      h('div', { class: 'field field-wide' }, h('label', { for: 'note-body-input' }, 'Text'), body,
        h('p', { id: 'note-body-help', class: 'muted' },
          'Markdown: # heading, **bold**, *italic*, - list, 1. numbered, > quote, `code`, [link](https://…).')),
      h('section', { 'aria-labelledby': 'preview-heading', class: 'field-wide' },
        h('h2', { id: 'preview-heading' }, 'Preview'), preview)),
    messages,
    h('div', { class: 'actions' }, save, cancel),
    unsaved);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { input, problems } = noteInput({ title: title.value, body: body.value, tags: tags.value });
    if (problems.length > 0) {
      messages.replaceChildren(errorBox(new Error(problems.join(' '))));
      return;
    }
    save.disabled = true;
    try {
      const saved = note
        ? await context.api.replaceNote(note.value.noteId, input, note.etag)
        : await context.api.createNote(input);
      context.announce('The note was saved.');
      context.navigate(notePath(saved.value.noteId), { replace: true });
    } catch (error) {
      messages.replaceChildren(error instanceof ApiError && error.status === 412
        ? conflictNotice('note', () => void loadCurrent())
        : errorBox(error, 'Not saved:'));
      save.disabled = false;
    }
  });

  fill(note?.value ?? null);
  main.replaceChildren(heading(pageTitle), form);
  return { title: pageTitle, leave: () => window.clearTimeout(previewTimer) };
};
