import type { Profile, ProfileChanges } from '../api/types';

export interface ProfileForm {
  displayName: string;
  timezone: string;
  locale: string;
  bookmarksInPersona: boolean;
}

/** A language tag in its canonical form (`fr-fr` → `fr-FR`); null when it is none. */
export function canonicalLocale(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * What the form changes of the profile, and why it cannot be saved as it is, in plain words. Only changed fields
 * are sent, so a field someone else changed meanwhile is not overwritten with the old value.
 */
export function profileChanges(profile: Profile, form: ProfileForm): { changes: ProfileChanges; problems: string[] } {
  const problems: string[] = [];
  const changes: ProfileChanges = {};
  const displayName = form.displayName.trim();
  if (displayName === '') {
    problems.push('Give a display name.');
  } else if (displayName.length > 100) {
    problems.push('A display name has at most 100 characters.');
  } else if (displayName !== profile.displayName) {
    changes.displayName = displayName;
  }
  const timezone = form.timezone.trim();
  if (timezone === '') {
    problems.push('Choose a time zone, such as Europe/Paris.');
  } else if (timezone !== profile.timezone) {
    changes.timezone = timezone;
  }
  const locale = canonicalLocale(form.locale);
  if (locale === null) {
    problems.push(`“${form.locale.trim()}” is not a language tag: try en, en-GB or fr-FR.`);
  } else if (locale !== profile.locale) {
    changes.locale = locale;
  }
  if (form.bookmarksInPersona !== profile.bookmarksInPersona) {
    changes.bookmarksInPersona = form.bookmarksInPersona;
  }
  return { changes, problems };
}
