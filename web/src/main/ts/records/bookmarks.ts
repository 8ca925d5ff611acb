import type { BookmarkInput } from '../api/types';
import { formatNumber, words } from '../views/format';
import { parseTags } from './tags';

/** The API reads at most this much of a bookmark file. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

const REASONS: Record<string, string> = {
  'not-http': 'not an http or https address',
  'no-host': 'no site in the address',
  'bad-host': 'not a valid site name',
  'bad-port': 'not a valid port',
  credentials: 'a user name or password in the address',
  'too-long': 'longer than 2,048 characters',
  empty: 'no address',
};

/** Why the import refused a link, in plain words. */
export function invalidReason(reason: string): string {
  return REASONS[reason] ?? words(reason);
}

/** The bookmark a 409's Location names (`/v1/bookmarks/{id}`), as the app's path to edit it; null without one. */
export function existingBookmarkPath(location: string | undefined): string | null {
  const match = /\/v1\/bookmarks\/([A-Za-z0-9_.-]{1,128})$/.exec(location ?? '');
  return match ? `/bookmarks/${match[1]}` : null;
}

/** Why the file cannot be imported, in plain words; null when it can. */
export function checkImportFile(file: { name: string; size: number }): string | null {
  if (file.size === 0) {
    return `“${file.name}” is empty.`;
  }
  if (file.size > MAX_IMPORT_BYTES) {
    return `“${file.name}” is larger than the ${formatNumber(MAX_IMPORT_BYTES / 1024 / 1024)} MB a bookmark file may be.`;
  }
  return null;
}

/** What the form holds, checked as the API will check it; the problems in plain words. */
export function bookmarkInput(form: { url: string; title: string; tags: string }):
  { input: BookmarkInput; problems: string[] } {
  const typed = form.url.trim();
  // People type `example.com/page`; an address without a scheme is a web address.
  const url = typed === '' || /^[a-z][a-z0-9+.-]*:/i.test(typed) ? typed : `https://${typed}`;
  const title = form.title.trim();
  const { tags, problems } = parseTags(form.tags);
  if (url === '') {
    problems.unshift('Give the address to bookmark.');
  } else if (url.length > 2048) {
    problems.unshift('An address has at most 2,048 characters.');
  }
  if (title.length > 500) {
    problems.push('A title has at most 500 characters.');
  }
  return { input: { url, tags, ...(title ? { title } : {}) }, problems };
}
