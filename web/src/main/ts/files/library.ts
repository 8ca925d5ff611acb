import type { Api } from '../api/client';
import { ApiError } from '../api/client';
import type { LibraryFile } from '../api/types';
import { contentTypeFor } from '../upload/checks';
import { uploadWithPut } from '../upload/presignedPut';
import { ProgressMeter, type ProgressSnapshot } from '../upload/progress';
import { sleep, type Transport, xhrTransport } from '../upload/transfer';
import { FileRefused } from '../upload/uploader';
import { formatBytes, formatNumber } from '../views/format';

/** The API's limit on a file's name. */
export const MAX_NAME_LENGTH = 255;
const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$/;

/** The type the file is stored and later downloaded with: what the browser says, else one from the extension. */
export function libraryContentType(file: { name: string; type: string }): string {
  return MEDIA_TYPE.test(file.type) && file.type.length <= 127 ? file.type : contentTypeFor(file.name);
}

/** Why the file cannot go into the library, in plain words; null when it can. */
export function checkLibraryFile(file: { name: string; size: number }, maxBytes: number): string | null {
  if (file.size === 0) {
    return `“${file.name}” is empty: there is nothing to keep.`;
  }
  if (file.size > maxBytes) {
    return `“${file.name}” is ${formatBytes(file.size)}; the largest file is ${formatBytes(maxBytes)}.`;
  }
  if (file.name.length > MAX_NAME_LENGTH) {
    return `The file’s name is ${file.name.length} characters long; rename it to at most ${MAX_NAME_LENGTH}.`;
  }
  return null;
}

export function isQuotaExceeded(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'QUOTA_EXCEEDED';
}

/**
 * The API's refusal of a file beyond a quota, in plain words: its sizes in bytes as KB, MB or GB, its counts with
 * separators, and what can be done about it.
 */
export function quotaMessage(detail: string): string {
  const sized = detail
    .replace(/at most (\d+) bytes in all \(you keep (\d+)\)/g,
      (_, most: string, kept: string) => `at most ${formatBytes(Number(most))} in all (you keep ${formatBytes(Number(kept))})`)
    .replace(/(\d+) bytes/g, (_, bytes: string) => formatBytes(Number(bytes)))
    .replace(/\d{4,}/g, (digits) => formatNumber(Number(digits)));
  const monthlyOnly = /a month/.test(detail) && !/in all|files \(you keep/.test(detail);
  return `${sized} ${monthlyOnly ? 'You can add files again next month.' : 'Delete files you no longer need to make room.'}`;
}

export interface LibraryUploadUpdate {
  phase: 'registering' | 'uploading';
  progress: ProgressSnapshot;
}

/**
 * Puts one file into the library: checked first, registered with POST /v1/files (refused beyond a quota), then
 * sent to its presigned PUT. A registration whose upload fails or is cancelled is deleted at once, so no file waits
 * for content that will never come. Returns the file as registered (PENDING until its object arrives).
 */
export async function uploadToLibrary(file: File, api: Api, maxBytes: number,
  onUpdate: (update: LibraryUploadUpdate) => void, signal: AbortSignal, transport: Transport = xhrTransport):
  Promise<LibraryFile> {
  const refusal = checkLibraryFile(file, maxBytes);
  if (refusal) {
    throw new FileRefused(refusal);
  }
  const meter = new ProgressMeter(file.size);
  onUpdate({ phase: 'registering', progress: meter.snapshot() });
  const created = await api.createFile({ name: file.name, contentType: libraryContentType(file), sizeBytes: file.size },
    signal);
  try {
    await uploadWithPut(created.upload, file, transport,
      (loaded) => onUpdate({ phase: 'uploading', progress: meter.update(loaded) }), signal);
  } catch (error) {
    await api.deleteFile(created.file.fileId).catch(() => undefined);
    throw error;
  }
  return created.file;
}

/**
 * The file once its object arrived (the storage event makes it AVAILABLE within moments), asked for with growing
 * waits; the file as last seen when it still is not after `attempts` asks.
 */
export async function awaitAvailable(api: Api, fileId: string, signal: AbortSignal, attempts = 8,
  wait: (ms: number, signal: AbortSignal) => Promise<void> = sleep): Promise<LibraryFile> {
  let file = await api.file(fileId, signal);
  for (let attempt = 1; file.state !== 'AVAILABLE' && attempt < attempts; attempt++) {
    await wait(Math.min(4000, 250 * 2 ** (attempt - 1)), signal);
    file = await api.file(fileId, signal);
  }
  return file;
}
