import { describe, expect, it } from 'vitest';
import { MultipartUpload, objectUrl } from '../../main/ts/upload/multipart';
import type { AwsCredentials } from '../../main/ts/upload/sigv4';
import { NetworkError, type TransferRequest, type TransferResponse } from '../../main/ts/upload/transfer';

const MIB = 1024 * 1024;

function response(status: number, body = '', headers: Record<string, string> = {}): TransferResponse {
  return { status, body, header: (name) => headers[name] ?? headers[name.toLowerCase()] ?? null };
}

function fakeS3(failures: Map<number, (TransferResponse | Error)[]>) {
  const requests: TransferRequest[] = [];
  const transport = async (request: TransferRequest): Promise<TransferResponse> => {
    requests.push(request);
    const url = new URL(request.url);
    if (request.method === 'POST' && url.searchParams.has('uploads')) {
      return response(200, '<InitiateMultipartUploadResult><UploadId>U-1</UploadId></InitiateMultipartUploadResult>');
    }
    if (request.method === 'PUT') {
      const part = Number(url.searchParams.get('partNumber'));
      const planned = failures.get(part)?.shift();
      if (planned instanceof Error) {
        throw planned;
      }
      if (planned) {
        return planned;
      }
      request.onProgress?.((request.body as Blob).size);
      return response(200, '', { ETag: `"etag-${part}"` });
    }
    if (request.method === 'POST' && url.searchParams.has('uploadId')) {
      return response(200, '<CompleteMultipartUploadResult><ETag>"x"</ETag></CompleteMultipartUploadResult>');
    }
    if (request.method === 'DELETE') {
      return response(204);
    }
    return response(400, '<Error><Code>Unexpected</Code><Message>unexpected</Message></Error>');
  };
  return { requests, transport };
}

function upload(transport: (request: TransferRequest) => Promise<TransferResponse>, signal = new AbortController().signal,
  credentials: () => Promise<AwsCredentials> = async () => ({ accessKeyId: 'ASIA1', secretAccessKey: 's', sessionToken: 't' })) {
  const progress: number[] = [];
  const job = new MultipartUpload({
    objectUrl: objectUrl('http://127.0.0.1:3001/persona-uploads/', 'uploads/dev_a/J1/my file.json'),
    file: new Blob([new Uint8Array(12 * MIB)]),
    contentType: 'application/json',
    metadata: { timezone: 'Europe/Paris' },
    partBytes: 5 * MIB,
    region: 'us-east-1',
    credentials,
    transport,
    onProgress: (loaded) => progress.push(loaded),
    signal,
    wait: async () => {},
  });
  return { job, progress };
}

describe('MultipartUpload', () => {
  it('creates the upload with its metadata, sends every part signed, and completes with the parts in order', async () => {
    const s3 = fakeS3(new Map());
    const { job, progress } = upload(s3.transport);
    await job.run();
    const [create, ...rest] = s3.requests;
    expect(create.url).toBe('http://127.0.0.1:3001/persona-uploads/uploads/dev_a/J1/my%20file.json?uploads');
    expect(create.headers?.['x-amz-meta-timezone']).toBe('Europe/Paris');
    expect(create.headers?.Authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIA1\/\d{8}\/us-east-1\/s3\/aws4_request/);
    const parts = rest.filter((request) => request.method === 'PUT');
    expect(parts.map((p) => (p.body as Blob).size).sort()).toEqual([2 * MIB, 5 * MIB, 5 * MIB].sort());
    expect(parts.every((p) => p.headers?.['x-amz-security-token'] === 't')).toBe(true);
    const complete = rest.find((request) => request.method === 'POST')!;
    expect(complete.body).toBe('<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"etag-1"</ETag></Part>'
      + '<Part><PartNumber>2</PartNumber><ETag>"etag-2"</ETag></Part><Part><PartNumber>3</PartNumber><ETag>"etag-3"</ETag></Part>'
      + '</CompleteMultipartUpload>');
    expect(progress.at(-1)).toBe(12 * MIB);
  });

  it('retries a failed part and renews credentials that expired', async () => {
    const s3 = fakeS3(new Map([
      [2, [new NetworkError('reset'), response(503, '<Error><Code>SlowDown</Code><Message>slow</Message></Error>')]],
      [3, [response(400, '<Error><Code>ExpiredToken</Code><Message>expired</Message></Error>')]],
    ]));
    let vended = 0;
    const { job } = upload(s3.transport, undefined, async () => ({ accessKeyId: `ASIA${++vended}`, secretAccessKey: 's' }));
    await job.run();
    expect(job.attempts.get(1)).toBe(1);
    expect(job.attempts.get(2)).toBe(3);
    expect(job.attempts.get(3)).toBe(2);
    expect(vended).toBe(2);
    expect(s3.requests.some((request) => request.method === 'DELETE')).toBe(false);
  });

  it('gives up after the last attempt and aborts the upload', async () => {
    const reset = () => new NetworkError('reset');
    const s3 = fakeS3(new Map([[1, [reset(), reset(), reset(), reset()]]]));
    const { job } = upload(s3.transport);
    await expect(job.run()).rejects.toBeInstanceOf(NetworkError);
    expect(job.attempts.get(1)).toBe(4);
    expect(s3.requests.at(-1)?.method).toBe('DELETE');
    expect(s3.requests.at(-1)?.url).toContain('uploadId=U-1');
  });

  it('does not retry a refusal', async () => {
    const s3 = fakeS3(new Map([[1, [response(403, '<Error><Code>AccessDenied</Code><Message>no</Message></Error>')]]]));
    const { job } = upload(s3.transport);
    await expect(job.run()).rejects.toThrow('AccessDenied');
    expect(job.attempts.get(1)).toBe(1);
  });

  it('aborts the upload when cancelled', async () => {
    const controller = new AbortController();
    const s3 = fakeS3(new Map([[1, [new NetworkError('reset')]]]));
    const cancelling = async (request: TransferRequest): Promise<TransferResponse> => {
      if (request.method === 'PUT') {
        controller.abort();
        throw new DOMException('cancelled', 'AbortError');
      }
      return s3.transport(request);
    };
    const { job } = upload(cancelling, controller.signal);
    await expect(job.run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(s3.requests.at(-1)?.method).toBe('DELETE');
  });
});
