import { h } from './dom';
import { errorBox, heading } from './common';
import type { IdentityProvider } from '../auth/session';
import type { Page } from './context';

/** The front page when signed out: what the app does, and the two ways to sign in. */
export const signInPage: Page = (context, main, parameters) => {
  const returnTo = parameters.returnTo ?? '/upload';
  const problem = h('div', { 'aria-live': 'polite' });
  const go = (provider: IdentityProvider | undefined) => async (): Promise<void> => {
    try {
      location.assign(await context.auth.authorizationUrl(provider, returnTo));
    } catch (error) {
      problem.replaceChildren(errorBox(error));
    }
  };
  const google = h('button', { type: 'button', class: 'button button-primary', id: 'sign-in-google' },
    'Continue with Google');
  google.addEventListener('click', go('Google'));
  const email = h('button', { type: 'button', class: 'button', id: 'sign-in-email' },
    'Sign in or sign up with e-mail');
  email.addEventListener('click', go('COGNITO'));

  main.replaceChildren(
    h('section', { class: 'hero' },
      heading('See yourself in your data'),
      h('p', { class: 'lead' }, 'Upload an export of your own activity (Google Takeout “My Activity”, YouTube, '
        + 'Chrome, Spotify or Netflix history, or any CSV or JSON Lines file with times) and get a persona: your '
        + 'interests, your daily and weekly rhythm, how steady and how varied you are.'),
      parameters.message ? h('div', { class: 'notice', role: 'status' }, h('p', {}, parameters.message)) : null,
      problem,
      h('div', { class: 'actions' }, google, email),
      h('p', { class: 'muted' }, 'Your files are processed only for you and you can delete everything at any '
        + 'time. Signing in keeps your session in this tab only.')));
  return { title: 'Sign in' };
};
