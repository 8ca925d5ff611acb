import { describe, expect, it } from 'vitest';
import type { Profile } from '../../main/ts/api/types';
import { bookmarkInput, checkImportFile, existingBookmarkPath, invalidReason } from '../../main/ts/records/bookmarks';
import { noteInput } from '../../main/ts/records/notes';
import { canonicalLocale, profileChanges } from '../../main/ts/records/profile';
import { parseTags, tagFilter } from '../../main/ts/records/tags';
import { sectionOf } from '../../main/ts/views/router';

describe('tags', () => {
  it('reads what people type: commas or spaces, #, capitals, repeats', () => {
    expect(parseTags('Reading, #ideas  travel,reading')).toEqual({ tags: ['reading', 'ideas', 'travel'], problems: [] });
    expect(parseTags('  ')).toEqual({ tags: [], problems: [] });
  });

  it('says which words are no tags and when there are too many', () => {
    const { tags, problems } = parseTags('ok, -dash, café');
    expect(tags).toEqual(['ok']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('“-dash” is not a tag');
    expect(parseTags('a b c d e f g h i j k').problems).toEqual(['At most 10 tags: you gave 11.']);
  });

  it('filters by a real tag only', () => {
    expect(tagFilter('Reading')).toBe('reading');
    expect(tagFilter('no tag')).toBeUndefined();
    expect(tagFilter(undefined)).toBeUndefined();
  });
});

describe('a note from its form', () => {
  it('trims the title and keeps the body as written', () => {
    expect(noteInput({ title: '  Plans ', body: '# Hi\n\n- one\n', tags: 'home' })).toEqual({
      input: { title: 'Plans', body: '# Hi\n\n- one\n', tags: ['home'] }, problems: [] });
  });

  it('needs a title and fits the API’s limits in characters and in UTF-8 bytes', () => {
    expect(noteInput({ title: ' ', body: '', tags: '' }).problems).toEqual(['Give the note a title.']);
    expect(noteInput({ title: 'x'.repeat(201), body: '', tags: '' }).problems[0]).toContain('at most 200');
    expect(noteInput({ title: 'ok', body: 'a'.repeat(65_536), tags: '' }).problems).toEqual([]);
    expect(noteInput({ title: 'ok', body: 'é'.repeat(40_000), tags: '' }).problems[0]).toContain('too long (80,000');
  });
});

describe('profile changes', () => {
  const profile: Profile = { userId: 'dev_a', displayName: 'Ann', timezone: 'UTC', locale: 'en', bookmarksInPersona: false,
    createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };

  it('sends only what changed, with the language tag in its canonical form', () => {
    expect(profileChanges(profile, { displayName: ' Ann ', timezone: 'Europe/Paris', locale: 'fr-fr',
      bookmarksInPersona: true })).toEqual({
      changes: { timezone: 'Europe/Paris', locale: 'fr-FR', bookmarksInPersona: true }, problems: [] });
    expect(profileChanges(profile, { displayName: 'Ann', timezone: 'UTC', locale: 'en', bookmarksInPersona: false }))
      .toEqual({ changes: {}, problems: [] });
  });

  it('refuses an empty name or zone and a malformed language tag in plain words', () => {
    const { problems } = profileChanges(profile, { displayName: '', timezone: ' ', locale: 'not a tag!',
      bookmarksInPersona: false });
    expect(problems).toEqual(['Give a display name.', 'Choose a time zone, such as Europe/Paris.',
      '“not a tag!” is not a language tag: try en, en-GB or fr-FR.']);
    expect(canonicalLocale('EN-gb')).toBe('en-GB');
  });
});

describe('bookmarks', () => {
  it('takes an address without a scheme as a web address, and leaves the title out when none is given', () => {
    expect(bookmarkInput({ url: 'example.com/page', title: ' ', tags: 'news' })).toEqual({
      input: { url: 'https://example.com/page', tags: ['news'] }, problems: [] });
    expect(bookmarkInput({ url: 'http://example.com', title: 'Ex', tags: '' }).input)
      .toEqual({ url: 'http://example.com', title: 'Ex', tags: [] });
    expect(bookmarkInput({ url: 'javascript:alert(1)', title: '', tags: '' }).input.url).toBe('javascript:alert(1)');
    expect(bookmarkInput({ url: '', title: '', tags: '' }).problems).toEqual(['Give the address to bookmark.']);
  });

  it('finds the bookmark a conflict names, and says why links were not imported', () => {
    expect(existingBookmarkPath('/v1/bookmarks/01HZX4Y3K1N2P3Q4R5S6T7V8W9')).toBe('/bookmarks/01HZX4Y3K1N2P3Q4R5S6T7V8W9');
    expect(existingBookmarkPath('https://evil.example/x')).toBeNull();
    expect(existingBookmarkPath(undefined)).toBeNull();
    expect(invalidReason('not-http')).toBe('not an http or https address');
    expect(invalidReason('some-new-reason')).toBe('some new reason');
  });

  it('refuses an empty or oversized bookmark file before sending it', () => {
    expect(checkImportFile({ name: 'b.html', size: 0 })).toContain('empty');
    expect(checkImportFile({ name: 'b.html', size: 6 * 1024 * 1024 })).toContain('larger than the 5 MB');
    expect(checkImportFile({ name: 'b.html', size: 100 })).toBeNull();
  });
});

describe('the navigation', () => {
  it('marks the section a page belongs to', () => {
    expect(sectionOf('/notes/01ABC/edit')).toBe('/notes');
    expect(sectionOf('/bookmarks')).toBe('/bookmarks');
    expect(sectionOf('/personas/01ABC')).toBe('/personas/latest');
    expect(sectionOf('/')).toBe('/upload');
    expect(sectionOf('/profile')).toBe('/profile');
    expect(sectionOf('/jobs/01ABC')).toBeNull();
  });
});
