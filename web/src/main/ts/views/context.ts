import type { Api } from '../api/client';
import type { Auth } from '../auth/session';
import type { AppConfig } from '../config';

/** What every page works with. */
export interface AppContext {
  config: AppConfig;
  auth: Auth;
  api: Api;
  /** Goes to a path of the app, as a link would. */
  navigate(path: string, options?: { replace?: boolean }): void;
  /** Says something to screen readers (a polite live region). */
  announce(message: string): void;
}

/** A page renders into `main` and returns what to do when it is left (stop polling, destroy charts). */
export type Page = (context: AppContext, main: HTMLElement, parameters: Record<string, string>) =>
  Promise<PageView> | PageView;

export interface PageView {
  title: string;
  leave?: () => void;
}
