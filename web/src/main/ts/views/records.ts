import type { Page as ListPage } from '../api/types';
import { tagFilter } from '../records/tags';
import { errorBox, loading } from './common';
import type { AppContext } from './context';
import { h } from './dom';

export interface PagerOptions<T> {
  /** One page, from the cursor the previous page gave (none for the first). */
  load(cursor: string | undefined): Promise<ListPage<T>>;
  /** The element of one item, appended to `items`. */
  item(value: T): HTMLElement;
  /** Where the items go: a tbody or a list. */
  items: HTMLElement;
  /** What shows the items once there are some: the table or list around `items`. */
  view: HTMLElement;
  /** What shows when there is nothing. */
  empty(): HTMLElement;
  /** The id of the element that holds the view or the empty message. */
  id: string;
  moreId: string;
  moreLabel: string;
}

/**
 * A listing, newest first, a page at a time with the API's cursor: "show more" asks for the next page and is
 * hidden on the last. A failed page says why and can be asked for again.
 */
export class Pager<T> {
  readonly element: HTMLElement;
  private readonly holder: HTMLElement;
  private readonly more: HTMLButtonElement;
  private readonly problem = h('div', { 'aria-live': 'polite' });
  private cursor: string | undefined;
  private shown = 0;
  private generation = 0;

  constructor(private readonly options: PagerOptions<T>) {
    this.holder = h('div', { id: options.id }, loading());
    this.more = h('button', { type: 'button', class: 'button', id: options.moreId, hidden: true }, options.moreLabel);
    this.more.addEventListener('click', () => void this.next());
    this.element = h('div', {}, this.problem, this.holder, this.more);
  }

  /** Starts again from the first page (after an addition, a deletion or an import). */
  async reload(): Promise<void> {
    this.generation++;
    this.cursor = undefined;
    this.shown = 0;
    this.options.items.replaceChildren();
    await this.next();
  }

  /** An item added on this page shows first, without reading the list again. */
  prepend(value: T): void {
    this.options.items.prepend(this.options.item(value));
    this.shown++;
    this.holder.replaceChildren(this.options.view);
  }

  /** The item's element was removed from the page. */
  removed(): void {
    this.shown = Math.max(0, this.shown - 1);
    if (this.shown === 0 && this.more.hidden) {
      this.holder.replaceChildren(this.options.empty());
    }
  }

  private async next(): Promise<void> {
    const generation = this.generation;
    this.more.disabled = true;
    try {
      const page = await this.options.load(this.cursor);
      if (generation !== this.generation) {
        return;
      }
      page.items.forEach((value) => this.options.items.append(this.options.item(value)));
      this.shown += page.items.length;
      this.cursor = page.nextCursor;
      this.more.hidden = !this.cursor;
      this.holder.replaceChildren(this.shown === 0 ? this.options.empty() : this.options.view);
      this.problem.replaceChildren();
    } catch (error) {
      if (generation === this.generation) {
        this.problem.replaceChildren(errorBox(error));
        if (this.shown === 0) {
          this.holder.replaceChildren();
        }
      }
    } finally {
      this.more.disabled = false;
    }
  }
}

/**
 * Asks before something is deleted, in a modal dialog whose Cancel has the focus first; resolves with the answer.
 * The focus goes back to where it was.
 */
export function confirmDialog(options: { title: string; message: string; confirmLabel: string; id: string }):
  Promise<boolean> {
  const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const confirm = h('button', { type: 'submit', class: 'button button-danger', id: `${options.id}-confirm`, value: 'yes' },
    options.confirmLabel);
  const cancel = h('button', { type: 'submit', class: 'button', id: `${options.id}-cancel`, value: 'no' }, 'Cancel');
  const dialog = h('dialog', { id: options.id, 'aria-labelledby': `${options.id}-title`, 'aria-describedby': `${options.id}-text` },
    h('form', { method: 'dialog' },
      h('h2', { id: `${options.id}-title` }, options.title),
      h('p', { id: `${options.id}-text` }, options.message),
      h('div', { class: 'actions' }, confirm, cancel)));
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      dialog.remove();
      returnFocus?.focus();
      resolve(dialog.returnValue === 'yes');
    }, { once: true });
    dialog.showModal();
    cancel.focus();
  });
}

/** Tags as links that list the records with that tag. */
export function tagLinks(tags: string[], listPath: string): HTMLElement | null {
  if (tags.length === 0) {
    return null;
  }
  return h('ul', { class: 'tags', 'aria-label': 'Tags' }, tags.map((tag) => h('li', {},
    h('a', { href: `${listPath}?tag=${encodeURIComponent(tag)}`, class: 'tag' }, `#${tag}`))));
}

/** Choosing one tag to list by; with one chosen, says so and links back to everything. */
export function tagFilterForm(context: AppContext, listPath: string, current: string | undefined, what: string):
  HTMLElement {
  const input = h('input', { type: 'text', id: 'tag-filter', name: 'tag', value: current ?? '', autocomplete: 'off',
    spellcheck: 'false', 'aria-describedby': 'tag-filter-help' });
  const help = h('p', { id: 'tag-filter-help', class: 'muted' }, `Shows only the ${what} with this tag.`);
  const form = h('form', { class: 'filter', role: 'search', 'aria-label': `Filter ${what} by tag` },
    h('label', { for: 'tag-filter' }, 'Tag'), input,
    h('button', { type: 'submit', class: 'button' }, 'Filter'), help);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = input.value.trim();
    const tag = tagFilter(typed.replace(/^#+/, ''));
    if (typed !== '' && !tag) {
      input.setAttribute('aria-invalid', 'true');
      help.className = 'field-error';
      help.textContent = `“${typed}” is not a tag: tags are one word of letters a–z, digits, - and _.`;
      input.focus();
      return;
    }
    context.navigate(tag ? `${listPath}?tag=${encodeURIComponent(tag)}` : listPath);
  });
  return h('div', {}, form, current
    ? h('p', { id: 'tag-filter-current' }, `Showing the ${what} tagged #${current}. `, h('a', { href: listPath }, `Show all ${what}`))
    : null);
}

/**
 * Someone else (another tab, another device) changed the record after it was read: say so, keep what was typed,
 * and offer to load their version.
 */
export function conflictNotice(what: string, onReload: () => void): HTMLElement {
  const reload = h('button', { type: 'button', class: 'button', id: 'conflict-reload' }, `Load the current ${what}`);
  reload.addEventListener('click', onReload);
  return h('div', { class: 'notice notice-error', role: 'alert', id: 'conflict' },
    h('p', {}, h('strong', {}, `Someone else changed this ${what} after you opened it`),
      ' (perhaps you, in another tab or on another device), so your changes were not saved.'),
    h('p', {}, `Load the current ${what} to see what changed, then make your changes again.`),
    h('div', { class: 'actions' }, reload));
}

/** A plain notice that something worked, announced. */
export function successNotice(text: string, id?: string): HTMLElement {
  return h('div', { class: 'notice notice-success', role: 'status', id }, h('p', {}, text));
}
