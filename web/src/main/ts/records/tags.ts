/** Tags of notes and bookmarks as the API takes them (contracts' TaggedItems): lower case, at most ten. */
export const TAG = /^[a-z0-9][a-z0-9_-]{0,31}$/;
export const MAX_TAGS = 10;

export interface ParsedTags {
  tags: string[];
  /** Why some of what was typed is no tag, in plain words; empty when all is well. */
  problems: string[];
}

/**
 * What a person typed in a tags field (`Reading, #ideas  travel`): split at commas and spaces, without a leading
 * `#`, in lower case, each once, in the order typed.
 */
export function parseTags(typed: string): ParsedTags {
  const tags: string[] = [];
  const problems: string[] = [];
  for (const word of typed.split(/[\s,]+/)) {
    const tag = word.replace(/^#+/, '').toLowerCase();
    if (tag === '' || tags.includes(tag)) {
      continue;
    }
    if (TAG.test(tag)) {
      tags.push(tag);
    } else {
      problems.push(`“${word}” is not a tag: use letters a–z, digits, - and _, at most 32 characters, starting with a `
        + 'letter or digit.');
    }
  }
  if (tags.length > MAX_TAGS) {
    problems.push(`At most ${MAX_TAGS} tags: you gave ${tags.length}.`);
  }
  return { tags, problems };
}

/** The tags as the field shows them. */
export function formatTags(tags: string[]): string {
  return tags.join(', ');
}

/** A tag filter from the address (`?tag=`): only a real tag, since the API refuses any other. */
export function tagFilter(value: string | undefined): string | undefined {
  const tag = value?.trim().toLowerCase();
  return tag && TAG.test(tag) ? tag : undefined;
}
