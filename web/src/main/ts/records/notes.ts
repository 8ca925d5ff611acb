import type { NoteInput } from '../api/types';
import { parseTags } from './tags';

export const MAX_TITLE_LENGTH = 200;
/** The API's limit on a body: this many characters and this many bytes of UTF-8. */
export const MAX_BODY_LENGTH = 65_536;

const encoder = new TextEncoder();

/** What the form holds, checked as the API will check it; the problems in plain words. */
export function noteInput(form: { title: string; body: string; tags: string }):
  { input: NoteInput; problems: string[] } {
  const title = form.title.trim();
  const { tags, problems } = parseTags(form.tags);
  if (title === '') {
    problems.unshift('Give the note a title.');
  } else if (title.length > MAX_TITLE_LENGTH) {
    problems.unshift(`The title is ${title.length} characters long; at most ${MAX_TITLE_LENGTH} fit.`);
  }
  const bytes = encoder.encode(form.body).length;
  if (form.body.length > MAX_BODY_LENGTH || bytes > MAX_BODY_LENGTH) {
    problems.push(`The note is too long (${Math.max(form.body.length, bytes).toLocaleString('en')} of at most `
      + `${MAX_BODY_LENGTH.toLocaleString('en')} characters, counting accented letters and emoji as 2 to 4).`);
  }
  return { input: { title, body: form.body, tags }, problems };
}
