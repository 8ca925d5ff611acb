import type { PresignedPut } from '../api/types';
import { sendWithRetries, type Transport } from './transfer';

/** Headers only the browser may set: it sends the body's own length, which the signature pins. */
const SET_BY_THE_BROWSER = new Set(['content-length', 'host']);

/**
 * Sends the file to the presigned PUT with the signed headers exactly as given (type, disposition). A failure
 * without an answer or a server error is tried again, up to `maxAttempts` times in all.
 */
export async function uploadWithPut(put: PresignedPut, file: Blob, transport: Transport,
  onProgress: (loaded: number) => void, signal: AbortSignal, maxAttempts = 3): Promise<void> {
  const headers = Object.fromEntries(Object.entries(put.headers)
    .filter(([name]) => !SET_BY_THE_BROWSER.has(name.toLowerCase())));
  await sendWithRetries(() => transport({ method: 'PUT', url: put.url, headers, body: file, onProgress, signal }),
    file, onProgress, signal, maxAttempts);
}
