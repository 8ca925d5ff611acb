import { describe, expect, it } from 'vitest';
import type { Api } from '../../main/ts/api/client';
import type { CreatedUpload } from '../../main/ts/api/types';
import type { AppConfig } from '../../main/ts/config';
import type { TransferRequest, TransferResponse } from '../../main/ts/upload/transfer';
import { uploadFile } from '../../main/ts/upload/uploader';

const CONFIG: AppConfig = {
  apiBaseUrl: 'http://127.0.0.1:3000', region: 'us-east-1', authDomain: 'http://127.0.0.1:3004',
  clientId: 'persona-local', scopes: ['openid'], maxUploadBytes: 1024 ** 3, multipartThresholdBytes: 16,
  multipartPartBytes: 5 * 1024 * 1024,
};

function ok(body = '', headers: Record<string, string> = {}): TransferResponse {
  return { status: 200, body, header: (name) => headers[name] ?? null };
}

/** An API that records what was asked for, and an S3 that records what was sent. */
function fakes() {
  const created: Record<string, unknown>[] = [];
  const api = {
    createUpload: async (file: Record<string, unknown>): Promise<CreatedUpload> => {
      created.push(file);
      return {
        uploadId: 'J1', jobId: 'J1', key: 'uploads/dev_a/J1/ViewingActivity.csv',
        put: { url: 'http://127.0.0.1:3001/x', headers: {}, expiresAt: '' },
        post: { url: 'http://127.0.0.1:3001/persona-uploads/', fields: { key: 'uploads/dev_a/J1/ViewingActivity.csv' },
          expiresAt: '' },
      };
    },
    credentials: async () => ({ accessKeyId: 'ASIA1', secretAccessKey: 's', sessionToken: 't' }),
  } as unknown as Api;
  const sent: TransferRequest[] = [];
  const transport = async (request: TransferRequest): Promise<TransferResponse> => {
    sent.push(request);
    const url = new URL(request.url);
    if (url.searchParams.has('uploads')) {
      return ok('<InitiateMultipartUploadResult><UploadId>U-1</UploadId></InitiateMultipartUploadResult>');
    }
    if (request.method === 'PUT') {
      return ok('', { ETag: '"e"' });
    }
    return ok('<CompleteMultipartUploadResult><ETag>"x"</ETag></CompleteMultipartUploadResult>');
  };
  return { api, created, sent, transport };
}

describe('the viewing profile a person names', () => {
  it('is registered with the upload, trimmed, and left out when empty', async () => {
    const { api, created, transport } = fakes();
    const small = new File(['Profile Name,Start Time\n'], 'ViewingActivity.csv');
    const signal = new AbortController().signal;

    await uploadFile(small, api, { ...CONFIG, multipartThresholdBytes: 1024 }, () => {}, signal, transport,
      { viewingProfile: '  Zoë ' });
    await uploadFile(small, api, { ...CONFIG, multipartThresholdBytes: 1024 }, () => {}, signal, transport,
      { viewingProfile: '   ' });

    expect(created[0]).toMatchObject({ filename: 'ViewingActivity.csv', contentType: 'text/csv', viewingProfile: 'Zoë' });
    expect(created[1]).not.toHaveProperty('viewingProfile');
  });

  it('travels as percent-encoded metadata when the browser signs the parts itself', async () => {
    const { api, sent, transport } = fakes();
    const large = new File([new Uint8Array(64)], 'ViewingActivity.csv');

    await uploadFile(large, api, CONFIG, () => {}, new AbortController().signal, transport, { viewingProfile: 'Zoë' });

    const initiate = sent.find((request) => new URL(request.url).searchParams.has('uploads'));
    expect(initiate?.headers?.['x-amz-meta-viewing-profile']).toBe('Zo%C3%AB');
  });
});
