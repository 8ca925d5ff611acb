/** The claims of a JWT, read without verifying it: only for tokens the app just received from the token endpoint. */
export interface IdTokenClaims {
  sub: string;
  aud: string | string[];
  exp: number;
  nonce?: string;
  email?: string;
  name?: string;
  given_name?: string;
  'cognito:username'?: string;
}

export function decodeClaims(token: string): IdTokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3) {
    throw new Error('not a JWT');
  }
  const padded = parts[1].replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(parts[1].length / 4) * 4, '=');
  const json = new TextDecoder().decode(Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)));
  const claims = JSON.parse(json) as IdTokenClaims;
  if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') {
    throw new Error('the token has no subject or expiry');
  }
  return claims;
}
