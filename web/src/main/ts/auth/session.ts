import type { AppConfig } from '../config';
import { decodeClaims } from './jwt';
import { randomToken, s256Challenge } from './pkce';

/** Where the sign-in provider sends the browser back, and where it lands after signing out. */
export const CALLBACK_PATH = '/auth/callback';
export const SIGNED_OUT_PATH = '/';

const SESSION_KEY = 'persona.session';
const PENDING_KEY = 'persona.signIn';
/** Renew the ID token this long before it expires. */
const RENEW_BEFORE_MS = 60_000;
/** A sign-in that has not come back within this time is abandoned (codes live five minutes). */
const PENDING_LIFETIME_MS = 10 * 60_000;

export type IdentityProvider = 'Google' | 'COGNITO';

export interface SignedInUser {
  name: string;
  email?: string;
}

interface StoredSession {
  idToken: string;
  refreshToken?: string;
  expiresAt: number;
  user: SignedInUser;
}

interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  createdAt: number;
}

export class SignInError extends Error {}

interface TokenResponse {
  id_token?: string;
  refresh_token?: string;
  expires_in?: number;
}

/**
 * Sign-in with the authorization code grant and PKCE against the configured domain (Cognito's hosted UI, or the
 * development issuer, which answers the same endpoints). Tokens are kept in session storage only: they end with
 * the tab and never reach local storage or cookies.
 */
export class Auth {
  private renewal: Promise<string | null> | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly storage: Storage = sessionStorage,
    private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init),
    private readonly origin: string = location.origin,
    private readonly now: () => number = Date.now,
  ) {}

  get redirectUri(): string {
    return this.origin + CALLBACK_PATH;
  }

  /** The authorization URL for a new sign-in; remembers state, nonce and verifier for the way back. */
  async authorizationUrl(provider: IdentityProvider | undefined, returnTo: string): Promise<string> {
    const pending: PendingSignIn = {
      state: randomToken(),
      nonce: randomToken(),
      verifier: randomToken(32),
      returnTo: safeReturnPath(returnTo),
      createdAt: this.now(),
    };
    this.storage.setItem(PENDING_KEY, JSON.stringify(pending));
    const parameters = new URLSearchParams({
      response_type: 'code',
      client_id: this.config.clientId,
      redirect_uri: this.redirectUri,
      scope: this.config.scopes.join(' '),
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await s256Challenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    if (provider) {
      parameters.set('identity_provider', provider);
    }
    return `${this.config.authDomain}/oauth2/authorize?${parameters}`;
  }

  /**
   * Finishes a sign-in on the callback page: the state must be the one this tab sent, the code is exchanged
   * with the verifier, and the ID token must be for this client and carry the nonce. Returns where to go next.
   */
  async completeSignIn(callback: URL): Promise<string> {
    const pending = this.takePending();
    const error = callback.searchParams.get('error');
    if (error) {
      const description = callback.searchParams.get('error_description');
      throw new SignInError(`Sign-in did not complete: ${description || error}.`);
    }
    const state = callback.searchParams.get('state');
    const code = callback.searchParams.get('code');
    if (!pending || !state || state !== pending.state) {
      throw new SignInError('This sign-in was not started from this tab, or it took too long. Please sign in again.');
    }
    if (!code) {
      throw new SignInError('The sign-in provider sent no authorization code. Please sign in again.');
    }
    const tokens = await this.tokenRequest({
      grant_type: 'authorization_code',
      client_id: this.config.clientId,
      code,
      redirect_uri: this.redirectUri,
      code_verifier: pending.verifier,
    });
    this.store(tokens, undefined, pending.nonce);
    return pending.returnTo;
  }

  /** The current ID token, renewed first when it is about to expire; null when signed out. */
  async idToken(): Promise<string | null> {
    const session = this.session();
    if (!session) {
      return null;
    }
    if (session.expiresAt - RENEW_BEFORE_MS > this.now()) {
      return session.idToken;
    }
    if (!session.refreshToken) {
      this.clear();
      return null;
    }
    if (!this.renewal) {
      const refreshToken = session.refreshToken;
      this.renewal = this.tokenRequest({
        grant_type: 'refresh_token',
        client_id: this.config.clientId,
        refresh_token: refreshToken,
      })
        .then((tokens) => this.store(tokens, refreshToken, undefined).idToken)
        .catch(() => {
          this.clear();
          return null;
        })
        .finally(() => {
          this.renewal = null;
        });
    }
    return this.renewal;
  }

  user(): SignedInUser | null {
    return this.session()?.user ?? null;
  }

  isSignedIn(): boolean {
    return this.session() !== null;
  }

  /** Forgets the tokens without ending the provider's session (the API refused them). */
  clear(): void {
    this.storage.removeItem(SESSION_KEY);
  }

  /**
   * Ends the session: revokes the refresh token (so it no longer renews), forgets the tokens, and returns the
   * provider's sign-out URL, which ends its own session and comes back to the app.
   */
  async signOut(): Promise<string> {
    const refreshToken = this.session()?.refreshToken;
    this.clear();
    if (refreshToken) {
      try {
        await this.fetchImpl(`${this.config.authDomain}/oauth2/revoke`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token: refreshToken, client_id: this.config.clientId }),
          credentials: 'omit',
        });
      } catch {
        // Signing out goes on: the tokens are gone from this tab, and the refresh token expires on its own.
      }
    }
    const parameters = new URLSearchParams({
      client_id: this.config.clientId,
      logout_uri: this.origin + SIGNED_OUT_PATH,
    });
    return `${this.config.authDomain}/logout?${parameters}`;
  }

  private async tokenRequest(form: Record<string, string>): Promise<TokenResponse> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.config.authDomain}/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
        credentials: 'omit',
      });
    } catch {
      throw new SignInError('The sign-in service could not be reached. Check your connection and try again.');
    }
    const body = (await response.json().catch(() => ({}))) as TokenResponse & {
      error?: string;
      error_description?: string;
      detail?: string;
    };
    if (!response.ok) {
      throw new SignInError(`Sign-in failed: ${body.error_description || body.detail || body.error || response.status}.`);
    }
    return body;
  }

  private store(tokens: TokenResponse, refreshToken: string | undefined, nonce: string | undefined): StoredSession {
    if (!tokens.id_token) {
      throw new SignInError('The sign-in service sent no ID token.');
    }
    const claims = decodeClaims(tokens.id_token);
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(this.config.clientId)) {
      throw new SignInError('The ID token is not meant for this app.');
    }
    if (nonce !== undefined && claims.nonce !== nonce) {
      throw new SignInError('The ID token does not belong to this sign-in (nonce mismatch).');
    }
    const session: StoredSession = {
      idToken: tokens.id_token,
      refreshToken: tokens.refresh_token ?? refreshToken,
      expiresAt: Math.min(claims.exp * 1000, this.now() + (tokens.expires_in ?? 3600) * 1000),
      user: {
        name: claims.name || claims.given_name || claims['cognito:username'] || claims.email || claims.sub,
        email: claims.email,
      },
    };
    this.storage.setItem(SESSION_KEY, JSON.stringify(session));
    return session;
  }

  private session(): StoredSession | null {
    const raw = this.storage.getItem(SESSION_KEY);
    if (!raw) {
      return null;
    }
    try {
      return JSON.parse(raw) as StoredSession;
    } catch {
      this.clear();
      return null;
    }
  }

  private takePending(): PendingSignIn | null {
    const raw = this.storage.getItem(PENDING_KEY);
    this.storage.removeItem(PENDING_KEY);
    if (!raw) {
      return null;
    }
    try {
      const pending = JSON.parse(raw) as PendingSignIn;
      return this.now() - pending.createdAt < PENDING_LIFETIME_MS ? pending : null;
    } catch {
      return null;
    }
  }
}

/** Only a path of this app: never another origin, so the way back cannot be turned into an open redirect. */
export function safeReturnPath(path: string): string {
  return /^\/(?![/\\])[A-Za-z0-9/_.-]*$/.test(path) && !path.startsWith(CALLBACK_PATH) ? path : '/';
}
