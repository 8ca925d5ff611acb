import { describe, expect, it } from 'vitest';
import { Api, ApiError, listQuery } from '../../main/ts/api/client';
import type { CreatedFile, LibraryFile } from '../../main/ts/api/types';
import { awaitAvailable, checkLibraryFile, libraryContentType, quotaMessage, uploadToLibrary } from '../../main/ts/files/library';
import { uploadWithPut } from '../../main/ts/upload/presignedPut';
import type { TransferRequest, TransferResponse } from '../../main/ts/upload/transfer';
import { FileRefused } from '../../main/ts/upload/uploader';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** An API whose every answer is given in turn, recording what was asked. */
function apiAnswering(...answers: Response[]): { api: Api; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    sent.push({ url: String(input), method: init?.method ?? 'GET', headers: init?.headers as Record<string, string>,
      body: init?.body });
    const answer = answers.shift();
    if (!answer) {
      throw new Error(`no answer left for ${init?.method} ${String(input)}`);
    }
    return answer;
  };
  return { api: new Api('http://api.test', async () => 'token', () => {}, fetchImpl as typeof fetch), sent };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function problem(status: number, code: string, detail: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ status, code, detail }),
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });
}

const NOTE = { noteId: 'N1', title: 'T', body: 'B', tags: [], createdAt: '', updatedAt: '', links: { self: '/v1/notes/N1' } };

describe('the API client for personal records', () => {
  it('pages listings by tag and cursor', () => {
    expect(listQuery()).toBe('?limit=20');
    expect(listQuery({ tag: 'reading', cursor: 'c/+=' })).toBe('?limit=20&tag=reading&cursor=c%2F%2B%3D');
  });

  it('keeps the ETag it read and sends it as If-Match with a change', async () => {
    const { api, sent } = apiAnswering(json(200, NOTE, { ETag: '"r1"' }), json(200, { ...NOTE, title: 'U' }, { ETag: '"r2"' }));
    const read = await api.note('N1');
    const written = await api.replaceNote('N1', { title: 'U', body: 'B', tags: [] }, read.etag);

    expect(read.etag).toBe('"r1"');
    expect(written).toEqual({ value: { ...NOTE, title: 'U' }, etag: '"r2"' });
    expect(sent[1]).toMatchObject({ method: 'PUT', url: 'http://api.test/v1/notes/N1',
      headers: { 'If-Match': '"r1"', 'Content-Type': 'application/json' } });
    expect(JSON.parse(sent[1].body as string)).toEqual({ title: 'U', body: 'B', tags: [] });
  });

  it('reports a stale write as a 412 ApiError', async () => {
    const { api } = apiAnswering(problem(412, 'PRECONDITION_FAILED', 'The resource changed since its ETag was read.'));
    const error = await api.replaceNote('N1', { title: 'U', body: '', tags: [] }, '"old"').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 412, code: 'PRECONDITION_FAILED' });
  });

  it('names the bookmark that exists already on a 409', async () => {
    const { api } = apiAnswering(problem(409, 'CONFLICT', 'This address is bookmarked already: see Location.',
      { Location: '/v1/bookmarks/B1' }));
    const error = await api.createBookmark({ url: 'https://a.example/', tags: [] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409, code: 'CONFLICT', location: '/v1/bookmarks/B1' });
  });

  it('sends a bookmark file as it is, as text/html, and a delete without a version without If-Match', async () => {
    const report = { received: 1, imported: 1, duplicates: 0, invalid: 0, invalidByReason: {}, invalidSamples: [] };
    const { api, sent } = apiAnswering(json(200, report), new Response(null, { status: 204 }));
    const file = new Blob(['<DL><DT><A HREF="https://a.example/">A</A></DL>'], { type: '' });
    expect(await api.importBookmarks(file)).toEqual(report);
    await api.deleteNote('N1', null);
    expect(sent[0]).toMatchObject({ method: 'POST', url: 'http://api.test/v1/bookmarks/import', body: file,
      headers: { 'Content-Type': 'text/html' } });
    expect(sent[1].headers).not.toHaveProperty('If-Match');
    expect(sent[1]).toMatchObject({ method: 'DELETE', url: 'http://api.test/v1/notes/N1' });
  });
});

function ok(status = 200): TransferResponse {
  return { status, body: status >= 500 ? '<Error><Code>InternalError</Code><Message>busy</Message></Error>' : '',
    header: () => null };
}

const FILE: LibraryFile = { fileId: 'F1', name: 'diary.txt', contentType: 'text/plain', sizeBytes: 5, state: 'PENDING',
  createdAt: '', updatedAt: '', links: { self: '/v1/files/F1' } };

const PUT = { url: 'http://s3.test/bucket/files/u/F1/diary.txt?X-Amz-Signature=s', expiresAt: '',
  headers: { 'content-length': '5', 'content-type': 'text/plain', 'content-disposition': 'attachment; filename="diary.txt"' } };

describe('the presigned PUT of a library file', () => {
  it('carries the signed headers but the ones only the browser sets, and retries a server error', async () => {
    const sent: TransferRequest[] = [];
    const answers = [ok(503), ok(200)];
    const loaded: number[] = [];
    await uploadWithPut(PUT, new Blob(['hello']), async (request) => {
      sent.push(request);
      return answers.shift()!;
    }, (bytes) => loaded.push(bytes), new AbortController().signal);

    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ method: 'PUT', url: PUT.url,
      headers: { 'content-type': 'text/plain', 'content-disposition': 'attachment; filename="diary.txt"' } });
    expect(sent[1].headers).not.toHaveProperty('content-length');
    expect(loaded[loaded.length - 1]).toBe(5);
  });
});

/** The API calls of the library, recorded. */
function library(createFile: () => Promise<CreatedFile>, states: LibraryFile['state'][] = []) {
  const calls: string[] = [];
  const api = {
    createFile: async (file: unknown) => {
      calls.push(`create ${JSON.stringify(file)}`);
      return createFile();
    },
    deleteFile: async (fileId: string) => {
      calls.push(`delete ${fileId}`);
    },
    file: async (fileId: string) => {
      calls.push(`get ${fileId}`);
      return { ...FILE, state: states.shift() ?? 'PENDING' };
    },
  } as unknown as Api;
  return { api, calls };
}

describe('a file into the library', () => {
  const diary = new File(['hello'], 'diary.txt', { type: 'text/plain' });

  it('is registered with its type and size, then sent to its presigned PUT', async () => {
    const { api, calls } = library(async () => ({ file: FILE, upload: PUT }));
    const sent: TransferRequest[] = [];
    const file = await uploadToLibrary(diary, api, 1024, () => {}, new AbortController().signal, async (request) => {
      sent.push(request);
      return ok();
    });
    expect(file).toEqual(FILE);
    expect(calls).toEqual(['create {"name":"diary.txt","contentType":"text/plain","sizeBytes":5}']);
    expect(sent.map((request) => request.method)).toEqual(['PUT']);
  });

  it('loses its registration when the upload is cancelled, so no file waits for content', async () => {
    const { api, calls } = library(async () => ({ file: FILE, upload: PUT }));
    const controller = new AbortController();
    const error = await uploadToLibrary(diary, api, 1024, () => {}, controller.signal, async () => {
      controller.abort();
      throw new DOMException('The upload was cancelled.', 'AbortError');
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect(calls).toEqual([expect.stringMatching(/^create /), 'delete F1']);
  });

  it('is refused before anything is sent when empty or too large, and sends nothing past a quota', async () => {
    const { api, calls } = library(async () => {
      throw new ApiError(403, 'QUOTA_EXCEEDED', 'This file would exceed your quota: at most 10 files (you keep 10).');
    });
    await expect(uploadToLibrary(new File([], 'empty.txt'), api, 1024, () => {}, new AbortController().signal))
      .rejects.toBeInstanceOf(FileRefused);
    await expect(uploadToLibrary(diary, api, 4, () => {}, new AbortController().signal)).rejects.toThrow('the largest file');
    const sent: TransferRequest[] = [];
    await expect(uploadToLibrary(diary, api, 1024, () => {}, new AbortController().signal, async (request) => {
      sent.push(request);
      return ok();
    })).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(sent).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('is asked for with growing waits until it is available', async () => {
    const { api, calls } = library(async () => ({ file: FILE, upload: PUT }), ['PENDING', 'PENDING', 'AVAILABLE']);
    const waits: number[] = [];
    const file = await awaitAvailable(api, 'F1', new AbortController().signal, 8, async (ms) => {
      waits.push(ms);
    });
    expect(file.state).toBe('AVAILABLE');
    expect(waits).toEqual([250, 500]);
    expect(calls).toEqual(['get F1', 'get F1', 'get F1']);

    const pending = library(async () => ({ file: FILE, upload: PUT }));
    expect((await awaitAvailable(pending.api, 'F1', new AbortController().signal, 3, async () => {})).state).toBe('PENDING');
    expect(pending.calls).toHaveLength(3);
  });
});

describe('library words', () => {
  it('says a quota in sizes and counts people read', () => {
    expect(quotaMessage('This file would exceed your quota: at most 5368709120 bytes in all (you keep 5368709000).'))
      .toBe('This file would exceed your quota: at most 5.0 GB in all (you keep 5.0 GB). '
        + 'Delete files you no longer need to make room.');
    expect(quotaMessage('This file would exceed your quota: at most 1000 files (you keep 1000).'))
      .toBe('This file would exceed your quota: at most 1,000 files (you keep 1,000). Delete files you no longer need to make room.');
    expect(quotaMessage('This file would exceed your quota: at most 500 new files a month (you added 500 this month).'))
      .toContain('You can add files again next month.');
  });

  it('stores a file with the type the browser gives, or one from its extension', () => {
    expect(libraryContentType({ name: 'a.pdf', type: 'application/pdf' })).toBe('application/pdf');
    expect(libraryContentType({ name: 'notes.csv', type: '' })).toBe('text/csv');
    expect(libraryContentType({ name: 'blob', type: 'text/plain; charset=utf-8' })).toBe('application/octet-stream');
    expect(checkLibraryFile({ name: `${'n'.repeat(256)}.txt`, size: 1 }, 10)).toContain('at most 255');
  });
});
