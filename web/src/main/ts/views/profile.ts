import { ApiError, type Versioned } from '../api/client';
import type { Profile } from '../api/types';
import { profileChanges } from '../records/profile';
import { browserTimeZone } from '../upload/checks';
import { errorBox, heading, loading } from './common';
import type { Page } from './context';
import { h, replaceChildren } from './dom';
import { formatDate } from './format';
import { conflictNotice, successNotice } from './records';

/** Every IANA zone the browser knows, for the time zone field's suggestions. */
function knownTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

function browserLocale(): string {
  return navigator.languages?.[0] ?? navigator.language ?? 'en';
}

function field(id: string, label: string, control: HTMLElement, help?: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, help ?? null);
}

/** The profile: display name, time zone, locale and whether bookmarks feed the persona, saved with If-Match. */
export const profilePage: Page = async (context, main) => {
  main.replaceChildren(heading('Your profile'), loading());
  let current: Versioned<Profile>;
  try {
    current = await context.api.profile();
  } catch (error) {
    main.replaceChildren(heading('Your profile'), errorBox(error));
    return { title: 'Profile' };
  }

  const zoneHere = browserTimeZone();
  const localeHere = browserLocale();
  const name = h('input', { type: 'text', id: 'display-name', name: 'displayName', required: true, maxlength: 100,
    autocomplete: 'nickname' });
  const zone = h('input', { type: 'text', id: 'timezone', name: 'timezone', required: true, maxlength: 64,
    list: 'timezones', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'timezone-help' });
  const useZone = h('button', { type: 'button', class: 'link-button', id: 'use-browser-timezone' },
    `Use this browser’s time zone (${zoneHere})`);
  const locale = h('input', { type: 'text', id: 'locale', name: 'locale', required: true, maxlength: 35,
    list: 'locales', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'locale-help' });
  const useLocale = h('button', { type: 'button', class: 'link-button', id: 'use-browser-locale' },
    `Use this browser’s language (${localeHere})`);
  const bookmarks = h('input', { type: 'checkbox', id: 'bookmarks-in-persona', name: 'bookmarksInPersona',
    'aria-describedby': 'bookmarks-help' });
  const save = h('button', { type: 'submit', class: 'button button-primary', id: 'profile-save' }, 'Save');
  const messages = h('div', { id: 'profile-messages', 'aria-live': 'polite' });
  const facts = h('dl', { class: 'facts', id: 'profile-facts' });

  const show = (profile: Profile): void => {
    name.value = profile.displayName;
    zone.value = profile.timezone;
    locale.value = profile.locale;
    bookmarks.checked = profile.bookmarksInPersona;
    replaceChildren(facts,
      profile.email ? [h('dt', {}, 'E-mail'), h('dd', { id: 'profile-email' }, profile.email)] : null,
      h('dt', {}, 'With us since'), h('dd', {}, formatDate(profile.createdAt)));
  };
  useZone.addEventListener('click', () => {
    zone.value = zoneHere;
    zone.focus();
  });
  useLocale.addEventListener('click', () => {
    locale.value = localeHere;
    locale.focus();
  });

  const reload = async (): Promise<void> => {
    try {
      current = await context.api.profile();
      show(current.value);
      messages.replaceChildren(successNotice('This is your profile as it is saved now.'));
    } catch (error) {
      messages.replaceChildren(errorBox(error));
    }
  };

  const form = h('form', { class: 'record-form', id: 'profile-form', novalidate: true },
    field('display-name', 'Display name', name),
    field('timezone', 'Time zone', zone, h('p', { id: 'timezone-help', class: 'muted' },
      'Times in your persona are read in this zone when an upload does not name one. ', useZone)),
    h('datalist', { id: 'timezones' }, [...new Set([zoneHere, ...knownTimeZones()])].map((value) => h('option', { value }))),
    field('locale', 'Language', locale, h('p', { id: 'locale-help', class: 'muted' },
      'A language tag such as en, en-GB or fr-FR. ', useLocale)),
    h('datalist', { id: 'locales' }, [...new Set([localeHere, ...navigator.languages ?? []])].map((value) => h('option', { value }))),
    h('div', { class: 'field field-check' }, bookmarks,
      h('label', { for: 'bookmarks-in-persona' }, 'Use my bookmarks in my persona'),
      h('p', { id: 'bookmarks-help', class: 'muted' },
        'When on, the next persona also counts the sites you bookmarked as interests.')),
    messages,
    h('div', { class: 'actions' }, save));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { changes, problems } = profileChanges(current.value,
      { displayName: name.value, timezone: zone.value, locale: locale.value, bookmarksInPersona: bookmarks.checked });
    if (problems.length > 0) {
      messages.replaceChildren(errorBox(new Error(problems.join(' '))));
      return;
    }
    if (Object.keys(changes).length === 0) {
      messages.replaceChildren(successNotice('Nothing changed: your profile is as it was.'));
      return;
    }
    save.disabled = true;
    try {
      current = await context.api.updateProfile(changes, current.etag);
      show(current.value);
      messages.replaceChildren(successNotice('Your profile was saved.', 'profile-saved'));
      context.announce('Your profile was saved.');
    } catch (error) {
      messages.replaceChildren(error instanceof ApiError && error.status === 412
        ? conflictNotice('profile', () => void reload())
        : errorBox(error, 'Not saved:'));
    } finally {
      save.disabled = false;
    }
  });

  show(current.value);
  main.replaceChildren(heading('Your profile'),
    h('p', {}, 'How the app addresses you and reads your times.'), facts, form);
  return { title: 'Profile' };
};
