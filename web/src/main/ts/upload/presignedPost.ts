import type { PresignedPost } from '../api/types';
import { sendWithRetries, type Transport } from './transfer';

/**
 * Sends the file as the browser form the API presigned: its fields in their order, then the file. S3 checks the
 * signed policy (key, content type, time zone metadata, size range). A failure without an answer or a server
 * error is tried again, up to `maxAttempts` times in all.
 */
export async function uploadWithPost(post: PresignedPost, file: Blob, transport: Transport,
  onProgress: (loaded: number) => void, signal: AbortSignal, maxAttempts = 3): Promise<void> {
  await sendWithRetries(() => {
    const form = new FormData();
    for (const [name, value] of Object.entries(post.fields)) {
      form.append(name, value);
    }
    form.append('file', file);
    return transport({ method: 'POST', url: post.url, body: form, onProgress, signal });
  }, file, onProgress, signal, maxAttempts);
}
