/**
 * One HTTP request to S3 with upload progress, which fetch cannot report: XMLHttpRequest behind a small promise
 * interface, so the upload logic can be tested with a fake.
 */
export interface TransferRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: Blob | FormData | string | null;
  onProgress?: (loaded: number) => void;
  signal?: AbortSignal;
}

export interface TransferResponse {
  status: number;
  header(name: string): string | null;
  body: string;
}

export type Transport = (request: TransferRequest) => Promise<TransferResponse>;

/** The request did not get an answer: connection refused or reset, CORS refusal, offline. */
export class NetworkError extends Error {}

export function abortError(): DOMException {
  return new DOMException('The upload was cancelled.', 'AbortError');
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export const xhrTransport: Transport = (request) => new Promise((resolve, reject) => {
  if (request.signal?.aborted) {
    reject(abortError());
    return;
  }
  const xhr = new XMLHttpRequest();
  xhr.open(request.method, request.url);
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    xhr.setRequestHeader(name, value);
  }
  const onAbort = (): void => xhr.abort();
  request.signal?.addEventListener('abort', onAbort, { once: true });
  const done = (): void => request.signal?.removeEventListener('abort', onAbort);
  if (request.onProgress) {
    const report = request.onProgress;
    xhr.upload.addEventListener('progress', (event) => report(event.loaded));
  }
  xhr.addEventListener('load', () => {
    done();
    resolve({ status: xhr.status, header: (name) => xhr.getResponseHeader(name), body: xhr.responseText });
  });
  xhr.addEventListener('error', () => {
    done();
    reject(new NetworkError('The storage service could not be reached.'));
  });
  xhr.addEventListener('timeout', () => {
    done();
    reject(new NetworkError('The storage service did not answer in time.'));
  });
  xhr.addEventListener('abort', () => {
    done();
    reject(abortError());
  });
  xhr.send(request.body ?? null);
});

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The text of the first element called `name` in an XML document, or null. */
export function xmlValue(xml: string, name: string): string | null {
  const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  return match ? unescapeXml(match[1]) : null;
}

/** An S3 error answer, with its code and message. */
export class StorageError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }

  static of(response: TransferResponse): StorageError {
    const code = xmlValue(response.body, 'Code') ?? `HTTP_${response.status}`;
    const message = xmlValue(response.body, 'Message') ?? `The storage service answered HTTP ${response.status}.`;
    return new StorageError(response.status, code, `The upload was refused: ${message} (${code})`);
  }
}

/** Whether trying again may succeed: no answer, throttling, a server error, a timed-out or expired request. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError) {
    return true;
  }
  if (error instanceof StorageError) {
    return error.status >= 500 || error.status === 429
      || ['RequestTimeout', 'ExpiredToken', 'SlowDown', 'InternalError'].includes(error.code);
  }
  return false;
}

/** Waits, or rejects as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * One upload of a whole file in a single request: progress from 0 to the file's size, a failure that may pass (no
 * answer, a server error, throttling) tried again after a backoff, up to `maxAttempts` times in all.
 */
export async function sendWithRetries(send: () => Promise<TransferResponse>, file: Blob,
  onProgress: (loaded: number) => void, signal: AbortSignal, maxAttempts: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      onProgress(0);
      const response = await send();
      if (response.status >= 200 && response.status < 300) {
        onProgress(file.size);
        return;
      }
      throw StorageError.of(response);
    } catch (error) {
      if (attempt >= maxAttempts || !isRetryable(error)) {
        throw error;
      }
      await sleep(backoffMs(attempt), signal);
    }
  }
}

/** Exponential backoff with full jitter: attempt 1 waits up to `base`, each next one up to twice as long. */
export function backoffMs(attempt: number, base = 500, cap = 8000, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(cap, base * 2 ** (attempt - 1)));
}
