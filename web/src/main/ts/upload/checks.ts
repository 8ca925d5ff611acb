import { formatBytes } from '../views/format';

/** The content types the API accepts (contracts' create-upload-request schema). */
const BY_EXTENSION: Record<string, string> = {
  json: 'application/json',
  jsonl: 'application/x-ndjson',
  ndjson: 'application/x-ndjson',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  txt: 'text/plain',
  gz: 'application/gzip',
  tgz: 'application/x-compressed-tar',
  tar: 'application/x-tar',
  zip: 'application/zip',
  html: 'text/html',
  htm: 'text/html',
};

/** What the file picker offers: the exports the pipeline reads (it detects the format from the content). */
export const ACCEPTED_EXTENSIONS = Object.keys(BY_EXTENSION).map((extension) => `.${extension}`).join(',');

/** The content type to declare: from the extension, which browsers report inconsistently as a type. */
export function contentTypeFor(filename: string): string {
  const name = filename.toLowerCase();
  if (name.endsWith('.tar.gz')) {
    return BY_EXTENSION.tgz;
  }
  const extension = name.split('.').pop() ?? '';
  return BY_EXTENSION[extension] ?? 'application/octet-stream';
}

/** Why the file cannot be uploaded, in plain words; null when it can. */
export function checkFile(file: { name: string; size: number }, maxBytes: number): string | null {
  if (file.size === 0) {
    return `“${file.name}” is empty: there is nothing to analyse in it.`;
  }
  if (file.size > maxBytes) {
    return `“${file.name}” is ${formatBytes(file.size)}; the largest upload is ${formatBytes(maxBytes)}. `
      + 'Upload a smaller export, or compress it with gzip.';
  }
  return null;
}

/**
 * A Netflix profile name as the object's metadata carries it: percent-encoded UTF-8, since S3 keeps metadata in
 * US-ASCII (contracts' UploadMetadata encodes the same way for the presigned uploads).
 */
export function metadataText(text: string): string {
  return encodeURIComponent(text);
}

/** The browser's IANA time zone, declared with the upload so local times are read correctly. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
