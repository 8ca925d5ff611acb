import { type AwsCredentials, sha256Hex, signRequest, uriEncode } from './sigv4';
import { abortError, backoffMs, isAbort, isRetryable, sleep, StorageError, type Transport, xmlValue } from './transfer';

export interface MultipartOptions {
  /** The object's URL: the bucket's URL (from the presigned POST) and the key. */
  objectUrl: string;
  file: Blob;
  contentType: string;
  /** Object metadata, without the x-amz-meta- prefix. */
  metadata: Record<string, string>;
  partBytes: number;
  region: string;
  /** The vended credentials; asked for again when S3 says they expired. */
  credentials: () => Promise<AwsCredentials>;
  transport: Transport;
  onProgress: (loaded: number) => void;
  signal: AbortSignal;
  concurrency?: number;
  maxAttempts?: number;
  now?: () => Date;
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** The object URL of `key` below the bucket URL, each key segment encoded once as S3 expects. */
export function objectUrl(bucketUrl: string, key: string): string {
  return `${bucketUrl.replace(/\/+$/, '')}/${key.split('/').map(uriEncode).join('/')}`;
}

/**
 * An S3 multipart upload signed in the browser: CreateMultipartUpload, the parts (a few at a time, each tried again
 * with backoff when it fails for a reason that may pass, with new credentials when they expired), then
 * CompleteMultipartUpload. Cancelling or failing aborts the upload, so S3 keeps no parts.
 */
export class MultipartUpload {
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly now: () => Date;
  private readonly wait: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly loadedByPart = new Map<number, number>();
  private credentials: AwsCredentials | null = null;
  /** How often each part was sent, for the caller's report and the tests. */
  readonly attempts = new Map<number, number>();

  constructor(private readonly options: MultipartOptions) {
    this.concurrency = options.concurrency ?? 3;
    this.maxAttempts = options.maxAttempts ?? 4;
    this.now = options.now ?? (() => new Date());
    this.wait = options.wait ?? sleep;
  }

  get partCount(): number {
    return Math.max(1, Math.ceil(this.options.file.size / this.options.partBytes));
  }

  async run(): Promise<void> {
    const uploadId = await this.create();
    try {
      const etags = await this.uploadParts(uploadId);
      await this.complete(uploadId, etags);
    } catch (error) {
      await this.abort(uploadId);
      throw error;
    }
  }

  private async create(): Promise<string> {
    const headers: Record<string, string> = { 'content-type': this.options.contentType };
    for (const [name, value] of Object.entries(this.options.metadata)) {
      headers[`x-amz-meta-${name}`] = value;
    }
    const response = await this.send('POST', '?uploads', headers, null);
    const uploadId = xmlValue(response.body, 'UploadId');
    if (!uploadId) {
      throw new StorageError(response.status, 'NoUploadId', 'The storage service started no multipart upload.');
    }
    return uploadId;
  }

  private async uploadParts(uploadId: string): Promise<string[]> {
    const etags: string[] = new Array(this.partCount);
    let next = 1;
    const failure = new AbortController();
    const worker = async (): Promise<void> => {
      while (next <= this.partCount && !failure.signal.aborted) {
        const partNumber = next++;
        etags[partNumber - 1] = await this.uploadPart(uploadId, partNumber);
      }
    };
    const workers = Array.from({ length: Math.min(this.concurrency, this.partCount) }, () => worker().catch((error) => {
      failure.abort();
      throw error;
    }));
    const results = await Promise.allSettled(workers);
    const rejected = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (rejected) {
      throw rejected.reason;
    }
    return etags;
  }

  private async uploadPart(uploadId: string, partNumber: number): Promise<string> {
    const start = (partNumber - 1) * this.options.partBytes;
    const part = this.options.file.slice(start, Math.min(start + this.options.partBytes, this.options.file.size));
    const payloadHash = await sha256Hex(await part.arrayBuffer());
    const query = `?partNumber=${partNumber}&uploadId=${encodeURIComponent(uploadId)}`;
    for (let attempt = 1; ; attempt++) {
      this.attempts.set(partNumber, attempt);
      this.report(partNumber, 0);
      try {
        const response = await this.send('PUT', query, {}, part, payloadHash,
          (loaded) => this.report(partNumber, Math.min(loaded, part.size)));
        const etag = response.header('ETag');
        if (!etag) {
          throw new StorageError(response.status, 'NoETag',
            'The storage service did not show the part’s ETag (is ETag an exposed CORS header?).');
        }
        this.report(partNumber, part.size);
        return etag;
      } catch (error) {
        if (isAbort(error) || attempt >= this.maxAttempts || !isRetryable(error)) {
          throw error;
        }
        if (error instanceof StorageError && error.code === 'ExpiredToken') {
          this.credentials = null;
        }
        await this.wait(backoffMs(attempt), this.options.signal);
      }
    }
  }

  private async complete(uploadId: string, etags: string[]): Promise<void> {
    const body = '<CompleteMultipartUpload>'
      + etags.map((etag, index) => `<Part><PartNumber>${index + 1}</PartNumber><ETag>${etag.replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')}</ETag></Part>`).join('')
      + '</CompleteMultipartUpload>';
    const response = await this.send('POST', `?uploadId=${encodeURIComponent(uploadId)}`,
      { 'content-type': 'application/xml' }, body, await sha256Hex(body));
    // S3 may answer 200 and still report an error in the body.
    if (xmlValue(response.body, 'Code') !== null && !response.body.includes('<CompleteMultipartUploadResult')) {
      throw StorageError.of(response);
    }
  }

  /** Best effort: the parts of a cancelled or failed upload are removed (a lifecycle rule would otherwise). */
  private async abort(uploadId: string): Promise<void> {
    try {
      await this.send('DELETE', `?uploadId=${encodeURIComponent(uploadId)}`, {}, null, undefined, undefined, true);
    } catch {
      // The upload already failed; the lifecycle rule for incomplete uploads cleans up what is left.
    }
  }

  private report(partNumber: number, loaded: number): void {
    this.loadedByPart.set(partNumber, loaded);
    let total = 0;
    for (const value of this.loadedByPart.values()) {
      total += value;
    }
    this.options.onProgress(total);
  }

  private async send(method: string, query: string, headers: Record<string, string>, body: Blob | string | null,
    payloadHash?: string, onProgress?: (loaded: number) => void, ignoreCancel = false) {
    if (this.options.signal.aborted && !ignoreCancel) {
      throw abortError();
    }
    const url = this.options.objectUrl + query;
    const hash = payloadHash ?? await sha256Hex('');
    const credentials = this.credentials ?? (this.credentials = await this.options.credentials());
    const toSign = { ...headers, 'x-amz-content-sha256': hash };
    const signed = await signRequest({ method, url, headers: toSign, payloadHash: hash }, credentials,
      this.options.region, 's3', this.now());
    const response = await this.options.transport({
      method,
      url,
      headers: { ...toSign, ...signed },
      body,
      onProgress,
      signal: ignoreCancel ? undefined : this.options.signal,
    });
    if (response.status >= 200 && response.status < 300) {
      return response;
    }
    throw StorageError.of(response);
  }
}
