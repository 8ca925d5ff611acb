/** The app's runtime settings, read from /config.json: written at deployment by the CDK app, locally by the runtime. */
export interface AppConfig {
  /** The API's base URL; routes start with /v1 below it. */
  apiBaseUrl: string;
  /** The uploads bucket's region, for signing multipart uploads. */
  region: string;
  /** The sign-in domain: Cognito's hosted domain, or the development issuer. */
  authDomain: string;
  /** The public app client. */
  clientId: string;
  scopes: string[];
  maxUploadBytes: number;
  multipartThresholdBytes: number;
  multipartPartBytes: number;
}

export class ConfigError extends Error {}

function text(raw: Record<string, unknown>, name: string): string {
  const value = raw[name];
  if (typeof value !== 'string' || value.length === 0) {
    throw new ConfigError(`config.json: ${name} must be a non-empty string`);
  }
  return value;
}

function count(raw: Record<string, unknown>, name: string): number {
  const value = raw[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new ConfigError(`config.json: ${name} must be a positive integer`);
  }
  return value;
}

function url(raw: Record<string, unknown>, name: string): string {
  const value = text(raw, name);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(`config.json: ${name} must be an absolute URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ConfigError(`config.json: ${name} must be an http(s) URL`);
  }
  return value.replace(/\/+$/, '');
}

/** Checks every member, so a broken deployment says which setting is wrong instead of failing later. */
export function parseConfig(raw: unknown): AppConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError('config.json must hold a JSON object');
  }
  const object = raw as Record<string, unknown>;
  const scopes = object.scopes;
  if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((scope) => typeof scope === 'string')) {
    throw new ConfigError('config.json: scopes must be a list of strings');
  }
  const config: AppConfig = {
    apiBaseUrl: url(object, 'apiBaseUrl'),
    region: text(object, 'region'),
    authDomain: url(object, 'authDomain'),
    clientId: text(object, 'clientId'),
    scopes: scopes as string[],
    maxUploadBytes: count(object, 'maxUploadBytes'),
    multipartThresholdBytes: count(object, 'multipartThresholdBytes'),
    multipartPartBytes: count(object, 'multipartPartBytes'),
  };
  if (config.multipartPartBytes < 5 * 1024 * 1024) {
    throw new ConfigError('config.json: multipartPartBytes must be at least 5 MiB, the smallest part S3 accepts');
  }
  return config;
}

export async function loadConfig(fetchImpl: typeof fetch = fetch): Promise<AppConfig> {
  const response = await fetchImpl('/config.json', { cache: 'no-cache', credentials: 'omit' });
  if (!response.ok) {
    throw new ConfigError(`config.json could not be loaded (HTTP ${response.status})`);
  }
  return parseConfig(await response.json());
}
