import { ApiError, type Versioned } from '../api/client';
import type { Bookmark, BookmarkImportReport } from '../api/types';
import { bookmarkInput, checkImportFile, existingBookmarkPath, invalidReason } from '../records/bookmarks';
import { formatTags, tagFilter } from '../records/tags';
import { errorBox, heading, loading, scrollTable } from './common';
import type { AppContext, Page } from './context';
import { externalLink, h, replaceChildren } from './dom';
import { formatDate, formatNumber } from './format';
import { confirmDialog, conflictNotice, Pager, successNotice, tagFilterForm, tagLinks } from './records';

const LIST = '/bookmarks';

function bookmarkPath(bookmarkId: string): string {
  return `${LIST}/${encodeURIComponent(bookmarkId)}`;
}

/** Deletes the bookmark after asking; true once it is gone. */
async function deleteBookmark(context: AppContext, bookmark: Bookmark, etag: string | null, messages: HTMLElement,
  reload: () => void): Promise<boolean> {
  const confirmed = await confirmDialog({ id: 'delete-bookmark-dialog', title: 'Delete this bookmark?',
    message: `“${bookmark.title}” (${bookmark.url}) will be deleted.`, confirmLabel: 'Delete the bookmark' });
  if (!confirmed) {
    return false;
  }
  try {
    await context.api.deleteBookmark(bookmark.bookmarkId, etag);
    context.announce('The bookmark was deleted.');
    return true;
  } catch (error) {
    messages.replaceChildren(error instanceof ApiError && error.status === 412
      ? conflictNotice('bookmark', reload) : errorBox(error, 'Not deleted:'));
    return false;
  }
}

function tagsField(id: string, value = ''): [HTMLElement, HTMLInputElement] {
  const input = h('input', { type: 'text', id, name: 'tags', value, autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': `${id}-help` });
  return [h('div', { class: 'field' }, h('label', { for: id }, 'Tags (optional)'), input,
    h('p', { id: `${id}-help`, class: 'muted' }, 'Separated by commas or spaces, such as: news, sports')), input];
}

function reportSection(report: BookmarkImportReport): HTMLElement {
  const reasons = Object.entries(report.invalidByReason).sort(([, a], [, b]) => b - a);
  return h('div', { class: 'notice notice-success', role: 'status', id: 'import-report' },
    h('p', {}, h('strong', {}, 'Import finished.')),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Links in the file'), h('dd', { id: 'import-received' }, formatNumber(report.received)),
      h('dt', {}, 'Added'), h('dd', { id: 'import-added' }, formatNumber(report.imported)),
      h('dt', {}, 'Bookmarked already'), h('dd', { id: 'import-duplicates' }, formatNumber(report.duplicates)),
      h('dt', {}, 'Not addresses'), h('dd', { id: 'import-invalid' }, formatNumber(report.invalid))),
    reasons.length === 0 ? null : h('ul', { id: 'import-reasons' }, reasons.map(([reason, count]) =>
      h('li', {}, `${formatNumber(count)} × ${invalidReason(reason)}`))),
    report.invalidSamples.length === 0 ? null : scrollTable('Links that were not imported',
      h('table', { class: 'data-table', id: 'import-samples' },
        h('caption', {}, report.invalidSamples.length < report.invalid ? 'Some of the links that were not imported'
          : 'Links that were not imported'),
        h('thead', {}, h('tr', {}, ['Line', 'Address', 'Why'].map((label) => h('th', { scope: 'col' }, label)))),
        h('tbody', {}, report.invalidSamples.map((sample) => h('tr', {},
          h('td', {}, formatNumber(sample.line)), h('td', { class: 'address' }, sample.url),
          h('td', {}, invalidReason(sample.reason))))))));
}

/** The import of a browser's bookmark file, with its report; `imported` runs after anything was added. */
function importSection(context: AppContext, imported: () => void): HTMLElement {
  const input = h('input', { type: 'file', id: 'import-file', accept: '.html,.htm,text/html', 'aria-describedby': 'import-help' });
  const button = h('button', { type: 'submit', class: 'button', id: 'import-button' }, 'Import');
  const result = h('div', { id: 'import-result', 'aria-live': 'polite' });
  const form = h('form', { id: 'import-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'import-file' }, 'Bookmark file'), input,
      h('p', { id: 'import-help', class: 'muted' }, 'Export your bookmarks as HTML from your browser (Chrome: Bookmark '
        + 'manager › Export bookmarks; Firefox: Library › Import and Backup › Export Bookmarks to HTML), then choose the '
        + 'file here. Addresses you bookmarked already are skipped; folder names become tags.')),
    h('div', { class: 'actions' }, button), result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = input.files?.[0];
    const refusal = file ? checkImportFile(file) : 'Choose the bookmark file first.';
    if (!file || refusal) {
      result.replaceChildren(errorBox(new Error(refusal ?? '')));
      return;
    }
    button.disabled = true;
    result.replaceChildren(loading('Importing…'));
    try {
      const report = await context.api.importBookmarks(file);
      result.replaceChildren(reportSection(report));
      context.announce(`Import finished: ${report.imported} added.`);
      input.value = '';
      if (report.imported > 0) {
        imported();
      }
    } catch (error) {
      result.replaceChildren(errorBox(error, 'Not imported:'));
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'import-heading' },
    h('h2', { id: 'import-heading' }, 'Import from your browser'), form);
}

/** The bookmarks, newest first: add one, import a browser's file, filter by tag, edit and delete. */
export const bookmarksPage: Page = (context, main, parameters) => {
  const tag = tagFilter(parameters.tag);
  const items = h('ul', { class: 'record-list', id: 'bookmarks-list' });
  const listMessages = h('div', { id: 'bookmarks-messages', 'aria-live': 'polite' });
  let pager: Pager<Bookmark>;
  const item = (bookmark: Bookmark): HTMLElement => {
    const remove = h('button', { type: 'button', class: 'link-button', 'data-delete': bookmark.bookmarkId },
      'Delete', h('span', { class: 'visually-hidden' }, ` ${bookmark.title}`));
    const element = h('li', { class: 'record', 'data-bookmark': bookmark.bookmarkId },
      h('h3', { class: 'record-title' }, externalLink(bookmark.url, bookmark.title)),
      h('p', { class: 'record-address muted' }, bookmark.url),
      tagLinks(bookmark.tags, LIST),
      h('p', { class: 'muted record-meta' }, `Added ${formatDate(bookmark.addedAt)} · `,
        h('a', { href: bookmarkPath(bookmark.bookmarkId) }, 'Edit', h('span', { class: 'visually-hidden' }, ` ${bookmark.title}`)),
        ' · ', remove));
    remove.addEventListener('click', async () => {
      if (await deleteBookmark(context, bookmark, null, listMessages, () => void pager.reload())) {
        element.remove();
        pager.removed();
        listMessages.replaceChildren(successNotice(`Deleted “${bookmark.title}”.`));
      }
    });
    return element;
  };
  pager = new Pager<Bookmark>({
    load: (cursor) => context.api.bookmarks({ tag, cursor }),
    item,
    items,
    view: items,
    empty: () => h('p', { id: 'bookmarks-empty' }, tag ? `You have no bookmarks tagged #${tag}.`
      : 'You have no bookmarks yet: add one above, or import your browser’s.'),
    id: 'bookmarks',
    moreId: 'bookmarks-more',
    moreLabel: 'Show older bookmarks',
  });

  const url = h('input', { type: 'url', id: 'bookmark-url', name: 'url', required: true, maxlength: 2048,
    autocomplete: 'url', placeholder: 'https://' });
  const title = h('input', { type: 'text', id: 'bookmark-title', name: 'title', maxlength: 500, autocomplete: 'off',
    'aria-describedby': 'bookmark-title-help' });
  const [tagsElement, tags] = tagsField('bookmark-tags', tag ?? '');
  const add = h('button', { type: 'submit', class: 'button button-primary', id: 'bookmark-add' }, 'Add the bookmark');
  const addMessages = h('div', { id: 'bookmark-messages', 'aria-live': 'polite' });
  const form = h('form', { class: 'record-form', id: 'bookmark-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'bookmark-url' }, 'Address'), url),
    h('div', { class: 'field' }, h('label', { for: 'bookmark-title' }, 'Title (optional)'), title,
      h('p', { id: 'bookmark-title-help', class: 'muted' }, 'Without one, the site’s name is the title.')),
    tagsElement, addMessages, h('div', { class: 'actions' }, add));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { input, problems } = bookmarkInput({ url: url.value, title: title.value, tags: tags.value });
    if (problems.length > 0) {
      addMessages.replaceChildren(errorBox(new Error(problems.join(' '))));
      return;
    }
    add.disabled = true;
    try {
      const created = await context.api.createBookmark(input);
      pager.prepend(created.value);
      form.reset();
      tags.value = tag ?? '';
      addMessages.replaceChildren(successNotice(`Bookmarked “${created.value.title}”.`, 'bookmark-added'));
      context.announce('Bookmarked.');
      url.focus();
    } catch (error) {
      const existing = error instanceof ApiError && error.status === 409 ? existingBookmarkPath(error.location) : null;
      addMessages.replaceChildren(existing
        ? h('div', { class: 'notice notice-error', role: 'alert', id: 'bookmark-exists' },
          h('p', {}, 'You bookmarked this address already. ', h('a', { href: existing }, 'Edit that bookmark'), '.'))
        : errorBox(error, 'Not bookmarked:'));
    } finally {
      add.disabled = false;
    }
  });

  main.replaceChildren(heading('Your bookmarks'),
    h('section', { class: 'card', 'aria-labelledby': 'add-heading' }, h('h2', { id: 'add-heading' }, 'Add a bookmark'), form),
    importSection(context, () => void pager.reload()),
    h('section', { 'aria-labelledby': 'list-heading' },
      h('h2', { id: 'list-heading' }, tag ? `Bookmarks tagged #${tag}` : 'All bookmarks'),
      tagFilterForm(context, LIST, tag, 'bookmarks'), listMessages, pager.element));
  void pager.reload();
  return { title: tag ? `Bookmarks tagged ${tag}` : 'Bookmarks' };
};

/** One bookmark's title and tags, saved with If-Match; its address cannot change (a new address is a new bookmark). */
export const bookmarkPage: Page = async (context, main, parameters) => {
  const pageTitle = 'Edit the bookmark';
  main.replaceChildren(heading(pageTitle), loading());
  let bookmark: Versioned<Bookmark>;
  try {
    bookmark = await context.api.bookmark(parameters.id);
  } catch (error) {
    main.replaceChildren(heading(pageTitle), errorBox(error), h('p', {}, h('a', { href: LIST }, 'Back to your bookmarks')));
    return { title: pageTitle };
  }
  const title = h('input', { type: 'text', id: 'bookmark-title', name: 'title', required: true, maxlength: 500,
    autocomplete: 'off' });
  const [tagsElement, tags] = tagsField('bookmark-tags');
  const address = h('p', { id: 'bookmark-address', class: 'record-address' });
  const messages = h('div', { id: 'bookmark-messages', 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', class: 'button button-primary', id: 'bookmark-save' }, 'Save');
  const remove = h('button', { type: 'button', class: 'button button-danger', id: 'bookmark-delete' }, 'Delete');
  const fill = (value: Bookmark): void => {
    title.value = value.title;
    tags.value = formatTags(value.tags);
    replaceChildren(address, externalLink(value.url, value.url));
  };
  const reload = async (): Promise<void> => {
    try {
      bookmark = await context.api.bookmark(bookmark.value.bookmarkId);
      fill(bookmark.value);
      messages.replaceChildren(successNotice('This is the bookmark as it is saved now.'));
    } catch (error) {
      messages.replaceChildren(errorBox(error));
    }
  };
  const form = h('form', { class: 'record-form', id: 'bookmark-edit-form', novalidate: true },
    h('p', { class: 'field-label' }, 'Address'), address,
    h('div', { class: 'field' }, h('label', { for: 'bookmark-title' }, 'Title'), title),
    tagsElement, messages,
    h('div', { class: 'actions' }, save, h('a', { href: LIST, class: 'button' }, 'Cancel'), remove));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { input, problems } = bookmarkInput({ url: bookmark.value.url, title: title.value, tags: tags.value });
    if (!input.title) {
      problems.unshift('Give the bookmark a title.');
    }
    if (problems.length > 0) {
      messages.replaceChildren(errorBox(new Error(problems.join(' '))));
      return;
    }
    save.disabled = true;
    try {
      bookmark = await context.api.replaceBookmark(bookmark.value.bookmarkId, input, bookmark.etag);
      context.announce('The bookmark was saved.');
      context.navigate(LIST);
    } catch (error) {
      messages.replaceChildren(error instanceof ApiError && error.status === 412
        ? conflictNotice('bookmark', () => void reload()) : errorBox(error, 'Not saved:'));
      save.disabled = false;
    }
  });
  remove.addEventListener('click', async () => {
    if (await deleteBookmark(context, bookmark.value, bookmark.etag, messages, () => void reload())) {
      context.navigate(LIST);
    }
  });
  fill(bookmark.value);
  main.replaceChildren(h('p', { class: 'eyebrow' }, h('a', { href: LIST }, 'Your bookmarks')), heading(pageTitle), form);
  return { title: pageTitle };
};
