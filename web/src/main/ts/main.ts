import '../css/app.css';
import { Api } from './api/client';
import { Auth, CALLBACK_PATH, safeReturnPath } from './auth/session';
import { loadConfig } from './config';
import { errorBox, heading } from './views/common';
import type { AppContext, Page, PageView } from './views/context';
import { h } from './views/dom';
import { bookmarkPage, bookmarksPage } from './views/bookmarks';
import { filesPage } from './views/files';
import { historyPage } from './views/history';
import { jobPage } from './views/job';
import { noteEditorPage, notePage, notesPage } from './views/notes';
import { personaPage } from './views/persona';
import { profilePage } from './views/profile';
import { match, NAVIGATION, type Route, sectionOf } from './views/router';
import { signInPage } from './views/signIn';
import { uploadPage } from './views/upload';

interface RouteTarget {
  page: Page;
  signedIn: boolean;
}

const notFound: Page = (_context, main) => {
  main.replaceChildren(heading('Page not found'), h('p', {}, 'There is nothing here. ', h('a', { href: '/' }, 'Go to the start.')));
  return { title: 'Not found' };
};

const ROUTES: Route<RouteTarget>[] = [
  { pattern: '/upload', value: { page: uploadPage, signedIn: true } },
  { pattern: '/jobs/:id', value: { page: jobPage, signedIn: true } },
  { pattern: '/personas/:id', value: { page: personaPage, signedIn: true } },
  { pattern: '/history', value: { page: historyPage, signedIn: true } },
  { pattern: '/profile', value: { page: profilePage, signedIn: true } },
  { pattern: '/notes', value: { page: notesPage, signedIn: true } },
  { pattern: '/notes/new', value: { page: noteEditorPage, signedIn: true } },
  { pattern: '/notes/:id', value: { page: notePage, signedIn: true } },
  { pattern: '/notes/:id/edit', value: { page: noteEditorPage, signedIn: true } },
  { pattern: '/bookmarks', value: { page: bookmarksPage, signedIn: true } },
  { pattern: '/bookmarks/:id', value: { page: bookmarkPage, signedIn: true } },
  { pattern: '/files', value: { page: filesPage, signedIn: true } },
];

async function start(): Promise<void> {
  const main = document.getElementById('main') as HTMLElement;
  const nav = document.getElementById('nav') as HTMLElement;
  const announcer = document.getElementById('announcer') as HTMLElement;
  let current: PageView | null = null;
  // A page loaded afresh starts at the top (Tab reaches the skip link first); after a navigation inside the app
  // the new page's heading takes the focus, so screen readers and keyboards start there.
  let navigated = false;

  let config;
  try {
    config = await loadConfig();
  } catch (error) {
    main.replaceChildren(heading('The app could not start'), errorBox(error));
    return;
  }
  const auth = new Auth(config);
  const context: AppContext = {
    config,
    auth,
    api: new Api(config.apiBaseUrl, () => auth.idToken(), () => {
      auth.clear();
      void render(`/?message=${encodeURIComponent('Your session has ended. Please sign in again.')}`);
    }),
    navigate: (path, options) => {
      if (options?.replace) {
        history.replaceState(null, '', path);
      } else {
        history.pushState(null, '', path);
      }
      void render(path);
    },
    announce: (message) => {
      announcer.textContent = '';
      window.setTimeout(() => {
        announcer.textContent = message;
      }, 50);
    },
  };

  const renderNav = (): void => {
    const user = auth.user();
    if (!user) {
      nav.replaceChildren();
      return;
    }
    const signOut = h('button', { type: 'button', class: 'link-button', id: 'sign-out' }, 'Sign out');
    signOut.addEventListener('click', async () => {
      location.assign(await auth.signOut());
    });
    const here = sectionOf(location.pathname);
    nav.replaceChildren(h('ul', {}, NAVIGATION.map(({ href, label }) => h('li', {},
      h('a', { href, 'aria-current': here === href ? 'page' : undefined }, label))),
      h('li', { class: 'user' }, h('span', { class: 'visually-hidden' }, 'Signed in as '), user.name),
      h('li', {}, signOut)));
  };

  const render = async (pathWithQuery: string): Promise<void> => {
    current?.leave?.();
    current = null;
    const url = new URL(pathWithQuery, location.origin);
    if (url.pathname === CALLBACK_PATH) {
      main.replaceChildren(heading('Signing you in…'));
      try {
        const next = await auth.completeSignIn(new URL(location.href));
        navigated = true;
        context.navigate(next, { replace: true });
      } catch (error) {
        history.replaceState(null, '', '/');
        renderNav();
        main.replaceChildren(heading('Sign-in did not complete'), errorBox(error),
          h('p', {}, h('a', { href: '/' }, 'Try again')));
        document.title = 'Sign-in failed – persona';
      }
      return;
    }
    renderNav();
    const found = match(ROUTES, url.pathname);
    let view: PageView;
    if (url.pathname === '/') {
      view = auth.isSignedIn()
        ? await uploadPage(context, main, {})
        : await signInPage(context, main, { message: url.searchParams.get('message') ?? '' });
    } else if (!found) {
      view = await notFound(context, main, {});
    } else if (found.value.signedIn && !auth.isSignedIn()) {
      view = await signInPage(context, main, { returnTo: safeReturnPath(url.pathname) });
    } else {
      // The query (a tag filter) and the path's segments, which win over a query of the same name.
      view = await found.value.page(context, main, { ...Object.fromEntries(url.searchParams), ...found.parameters });
    }
    current = view;
    document.title = `${view.title} – persona`;
    if (navigated) {
      document.getElementById('page-heading')?.focus();
    }
    navigated = true;
  };

  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest('a');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
      || event.altKey || link.target || link.hasAttribute('download')) {
      return;
    }
    const href = link.getAttribute('href') ?? '';
    if (href.startsWith('/') && !href.startsWith('//')) {
      event.preventDefault();
      context.navigate(href);
    }
  });
  window.addEventListener('popstate', () => void render(location.pathname + location.search));
  await render(location.pathname + location.search);
}

void start();
