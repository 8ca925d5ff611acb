/**
 * AWS Signature Version 4 for requests the browser sends itself (S3 multipart uploads with the vended
 * credentials), with Web Crypto. It follows the documented algorithm: canonical request, string to sign, the
 * derived signing key and the Authorization header.
 */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignableRequest {
  method: string;
  url: string;
  /** Headers to send and sign besides host and x-amz-date (S3 also needs x-amz-content-sha256). */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body, or UNSIGNED-PAYLOAD. */
  payloadHash: string;
}

const encoder = new TextEncoder();

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes),
    (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function sha256Hex(data: ArrayBuffer | Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  return toHex(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
}

async function hmac(key: ArrayBuffer | Uint8Array, data: string): Promise<ArrayBuffer> {
  const cryptoKey = await crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash: 'SHA-256' },
    false, ['sign']);
  return crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(data));
}

/** RFC 3986 encoding: everything but unreserved characters, as SigV4 requires. */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** 20150830T123600Z. */
export function amzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function canonicalQuery(url: URL): string {
  const pairs = [...url.searchParams.entries()].map(([name, value]) => [uriEncode(name), uriEncode(value)]);
  pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/** S3 encodes each path segment once (other services twice); the URL must be sent with this same path. */
function canonicalPath(url: URL): string {
  return url.pathname.split('/').map((segment) => uriEncode(decodeURIComponent(segment))).join('/') || '/';
}

/** The headers to add to the request: x-amz-date, x-amz-security-token (with session credentials), Authorization. */
export async function signRequest(request: SignableRequest, credentials: AwsCredentials, region: string,
  service: string, date: Date): Promise<Record<string, string>> {
  const url = new URL(request.url);
  const stamp = amzDate(date);
  const day = stamp.slice(0, 8);
  const added: Record<string, string> = { 'x-amz-date': stamp };
  if (credentials.sessionToken) {
    added['x-amz-security-token'] = credentials.sessionToken;
  }
  const headers = new Map<string, string>();
  headers.set('host', url.host);
  for (const [name, value] of Object.entries({ ...request.headers, ...added })) {
    headers.set(name.toLowerCase(), value.trim().replace(/\s+/g, ' '));
  }
  const names = [...headers.keys()].sort();
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(url),
    canonicalQuery(url),
    names.map((name) => `${name}:${headers.get(name)}\n`).join(''),
    signedHeaders,
    request.payloadHash,
  ].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', stamp, scope, await sha256Hex(canonicalRequest)].join('\n');
  let key = await hmac(encoder.encode(`AWS4${credentials.secretAccessKey}`), day);
  for (const part of [region, service, 'aws4_request']) {
    key = await hmac(key, part);
  }
  const signature = toHex(await hmac(key, stringToSign));
  return {
    ...added,
    Authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, `
      + `SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
