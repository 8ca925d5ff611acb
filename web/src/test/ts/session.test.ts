import { describe, expect, it } from 'vitest';
import { base64url } from '../../main/ts/auth/pkce';
import { Auth, safeReturnPath, SignInError } from '../../main/ts/auth/session';
import type { AppConfig } from '../../main/ts/config';
import { parseConfig } from '../../main/ts/config';

class MemoryStorage implements Storage {
  private readonly values = new Map<string, string>();
  get length(): number { return this.values.size; }
  clear(): void { this.values.clear(); }
  getItem(key: string): string | null { return this.values.get(key) ?? null; }
  key(index: number): string | null { return [...this.values.keys()][index] ?? null; }
  removeItem(key: string): void { this.values.delete(key); }
  setItem(key: string, value: string): void { this.values.set(key, value); }
}

const config: AppConfig = parseConfig({
  apiBaseUrl: 'https://app.example', region: 'eu-west-1', authDomain: 'https://auth.example', clientId: 'client-1',
  scopes: ['openid', 'email'], maxUploadBytes: 1000, multipartThresholdBytes: 100, multipartPartBytes: 5 * 1024 * 1024,
});

function token(claims: Record<string, unknown>): string {
  const encode = (value: unknown): string => base64url(new TextEncoder().encode(JSON.stringify(value)));
  return `${encode({ alg: 'RS256' })}.${encode(claims)}.signature`;
}

function tokenEndpoint(answer: (form: URLSearchParams) => Record<string, unknown>, requests: URLSearchParams[] = []) {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const form = new URLSearchParams(String(init?.body));
    requests.push(form);
    expect(String(input)).toMatch(/^https:\/\/auth\.example\/oauth2\/(token|revoke)$/);
    const body = answer(form);
    return new Response(JSON.stringify(body), { status: 'error' in body ? 400 : 200 });
  };
}

async function startSignIn(auth: Auth): Promise<URL> {
  return new URL(await auth.authorizationUrl('Google', '/history'));
}

describe('Auth', () => {
  it('signs in with the authorization code, the verifier and the nonce', async () => {
    const storage = new MemoryStorage();
    const requests: URLSearchParams[] = [];
    let nonce = '';
    const auth = new Auth(config, storage, tokenEndpoint(() => ({
      id_token: token({ sub: 's1', aud: 'client-1', exp: Date.now() / 1000 + 3600, nonce, email: 'a@example.com' }),
      refresh_token: 'r1', expires_in: 3600,
    }), requests), 'https://app.example');
    const authorize = await startSignIn(auth);
    expect(authorize.origin + authorize.pathname).toBe('https://auth.example/oauth2/authorize');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe('https://app.example/auth/callback');
    expect(authorize.searchParams.get('identity_provider')).toBe('Google');
    nonce = authorize.searchParams.get('nonce')!;
    const state = authorize.searchParams.get('state')!;

    const next = await auth.completeSignIn(new URL(`https://app.example/auth/callback?code=c1&state=${state}`));
    expect(next).toBe('/history');
    expect(requests[0].get('grant_type')).toBe('authorization_code');
    expect(requests[0].get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(auth.user()).toEqual({ name: 'a@example.com', email: 'a@example.com' });
    expect(await auth.idToken()).toContain('.');
    expect([...Array(storage.length).keys()].map((i) => storage.key(i))).toEqual(['persona.session']);
  });

  it('refuses a callback with another state, a replayed callback, and a token without the nonce', async () => {
    const auth = new Auth(config, new MemoryStorage(), tokenEndpoint(() => ({
      id_token: token({ sub: 's1', aud: 'client-1', exp: Date.now() / 1000 + 3600, nonce: 'other' }),
    })), 'https://app.example');
    const state = (await startSignIn(auth)).searchParams.get('state');
    await expect(auth.completeSignIn(new URL('https://app.example/auth/callback?code=c&state=forged')))
      .rejects.toBeInstanceOf(SignInError);
    await expect(auth.completeSignIn(new URL(`https://app.example/auth/callback?code=c&state=${state}`)))
      .rejects.toThrow('not started from this tab');
    const fresh = (await startSignIn(auth)).searchParams.get('state');
    await expect(auth.completeSignIn(new URL(`https://app.example/auth/callback?code=c&state=${fresh}`)))
      .rejects.toThrow('nonce');
    expect(auth.isSignedIn()).toBe(false);
  });

  it('shows the provider’s error in plain words', async () => {
    const auth = new Auth(config, new MemoryStorage(), tokenEndpoint(() => ({})), 'https://app.example');
    await startSignIn(auth);
    await expect(auth.completeSignIn(new URL('https://app.example/auth/callback?error=access_denied&error_description=User+said+no')))
      .rejects.toThrow('User said no');
  });

  it('renews an expiring token with the refresh token, and signs out by revoking it', async () => {
    let now = Date.now();
    const requests: URLSearchParams[] = [];
    let nonce = '';
    const auth = new Auth(config, new MemoryStorage(), tokenEndpoint((form) => {
      if (form.has('token')) {
        return {};
      }
      return { id_token: token({ sub: 's', aud: 'client-1', exp: now / 1000 + 3600, nonce, name: 'Ann' }),
        refresh_token: form.get('grant_type') === 'authorization_code' ? 'r1' : undefined, expires_in: 3600 };
    }, requests), 'https://app.example', () => now);
    const authorize = await startSignIn(auth);
    nonce = authorize.searchParams.get('nonce')!;
    await auth.completeSignIn(new URL(`https://app.example/auth/callback?code=c&state=${authorize.searchParams.get('state')}`));
    now += 3590_000;
    await auth.idToken();
    expect(requests[1].get('grant_type')).toBe('refresh_token');
    expect(requests[1].get('refresh_token')).toBe('r1');
    const logout = new URL(await auth.signOut());
    expect(requests[2].get('token')).toBe('r1');
    expect(logout.pathname).toBe('/logout');
    expect(logout.searchParams.get('logout_uri')).toBe('https://app.example/');
    expect(auth.isSignedIn()).toBe(false);
  });

  it('only ever returns to a path of this app', () => {
    expect(safeReturnPath('/jobs/01ABC')).toBe('/jobs/01ABC');
    expect(safeReturnPath('//evil.example/x')).toBe('/');
    expect(safeReturnPath('https://evil.example')).toBe('/');
    expect(safeReturnPath('/\\evil.example')).toBe('/');
    expect(safeReturnPath('/auth/callback?code=x')).toBe('/');
  });
});
