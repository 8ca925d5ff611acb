// The stock @trpc/client against the running local system (started by the Java test TrpcClientIT, which passes its
// endpoint and users' tokens in the environment).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  createTRPCClient,
  createTRPCUntypedClient,
  httpBatchLink,
  httpLink,
  TRPCClientError,
} from '@trpc/client';
import type { AppRouter, Job, VersionedNote } from '../src/generated/app-router.js';
import { uploadAndReadPersona } from '../src/example/upload-and-read-persona.js';

function required(name: string): string {
  const value = process.env[name];
  assert.ok(value, `${name} must be set (TrpcClientIT sets it)`);
  return value;
}

const apiUrl = required('PERSONA_API_URL');
const token = required('PERSONA_TOKEN');
const otherToken = required('PERSONA_OTHER_TOKEN');
const sampleFile = required('PERSONA_SAMPLE_FILE');
const trpcUrl = new URL('/trpc', apiUrl).toString();
const here = dirname(fileURLToPath(import.meta.url));

/** Every request the client sends, as fetch saw it. */
interface Sent {
  url: string;
  method: string;
  headers: Headers;
  status: number;
}

/** A client with one link, recording what it sends; `bearer` null sends no Authorization header. */
function client(link: 'http' | 'batch', bearer: string | null, sent: Sent[] = []) {
  const options = {
    url: trpcUrl,
    headers: () => (bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
    fetch: async (url: URL | RequestInfo, init?: RequestInit) => {
      const response = await fetch(url, init);
      sent.push({ url: String(url), method: init?.method ?? 'GET', headers: new Headers(init?.headers),
        status: response.status });
      return response;
    },
  };
  return createTRPCClient<AppRouter>({
    links: [link === 'http' ? httpLink(options) : httpBatchLink({ ...options, maxItems: 10 })],
  });
}

/** The TRPCClientError a call failed with. */
async function failure(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof TRPCClientError, `not a TRPCClientError: ${String(error)}`);
    return error as TRPCClientError<AppRouter>;
  }
  assert.fail('the call succeeded');
}

let job: Job;

before(async () => {
  // The shipped example does the upload: uploads.create, the presigned PUT to S3, jobs.get until done, personas.get.
  const result = await uploadAndReadPersona({ apiUrl, token, file: sampleFile, timeoutMs: 90_000 });
  job = result.job;
  assert.equal(job.status, 'SUCCEEDED');
  assert.equal(result.persona.jobId, job.jobId);
  assert.ok(result.persona.interests.length > 0);
});

describe('the sample program', () => {
  test('uploads a file and prints its persona when run as shipped', () => {
    const run = spawnSync(process.execPath, [join(here, '..', 'src', 'example', 'upload-and-read-persona.js'),
      sampleFile], { encoding: 'utf8', env: { ...process.env, PERSONA_API_URL: apiUrl, PERSONA_TOKEN: token },
      timeout: 120_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /: SUCCEEDED, \d+ activities kept/);
    assert.match(run.stdout, /top interests:/);
  });
});

describe('httpLink', () => {
  test('every query sends a GET with the authorization header and reads its result', async () => {
    const sent: Sent[] = [];
    const trpc = client('http', token, sent);

    const page = await trpc.jobs.list.query({ limit: 5 });
    const first = await trpc.jobs.list.query();
    const read = await trpc.jobs.get.query({ jobId: job.jobId });
    const latest = await trpc.personas.latest.query();
    const persona = await trpc.personas.get.query({ jobId: job.jobId });

    assert.ok(page.items.some((item) => item.jobId === job.jobId));
    assert.ok(first.items.length >= 1);
    assert.equal(read.status, 'SUCCEEDED');
    assert.equal(read.persona?.href, `/v1/personas/${job.jobId}`);
    assert.equal(latest.schemaVersion, '1.1');
    assert.equal(persona.jobId, job.jobId);
    assert.equal(sent.length, 5);
    for (const request of sent) {
      assert.equal(request.method, 'GET');
      assert.equal(request.headers.get('authorization'), `Bearer ${token}`);
      assert.equal(request.status, 200);
    }
    assert.match(sent[0]!.url, /\/trpc\/jobs\.list\?input=%7B%22limit%22%3A5%7D$/);
  });

  test('a mutation is a POST with its input as the body', async () => {
    const sent: Sent[] = [];
    const created = await client('http', token, sent).uploads.create.mutate({
      filename: 'later.csv', contentType: 'text/csv', sizeBytes: 12, timezone: 'Europe/Paris',
    });
    assert.match(created.jobId, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.equal(created.uploadId, created.jobId);
    assert.ok(created.post.fields['x-amz-signature']);
    assert.equal(sent[0]!.method, 'POST');
    assert.equal(sent[0]!.headers.get('content-type'), 'application/json');
  });

  test('a bad input is a BAD_REQUEST with the invalid fields', async () => {
    const error = await failure(client('http', token).uploads.create.mutate({
      filename: 'x.csv', contentType: 'text/csv', sizeBytes: 0,
    }));
    assert.equal(error.data?.code, 'BAD_REQUEST');
    assert.equal(error.data?.httpStatus, 400);
    assert.equal(error.data?.problemCode, 'VALIDATION_FAILED');
    assert.equal(error.data?.path, 'uploads.create');
    assert.deepEqual(error.data?.errors?.map((field) => field.field).sort(), ['sizeBytes']);
    assert.equal(error.shape?.code, -32600);

    const limit = await failure(client('http', token).jobs.list.query({ limit: 1000 }));
    assert.equal(limit.data?.code, 'BAD_REQUEST');
    assert.equal(limit.data?.errors?.[0]?.field, 'limit');
  });

  test("another user's job and persona are NOT_FOUND", async () => {
    const stranger = client('http', otherToken);
    const jobError = await failure(stranger.jobs.get.query({ jobId: job.jobId }));
    const personaError = await failure(stranger.personas.get.query({ jobId: job.jobId }));
    for (const error of [jobError, personaError]) {
      assert.equal(error.data?.code, 'NOT_FOUND');
      assert.equal(error.data?.httpStatus, 404);
      assert.equal(error.shape?.code, -32004);
    }
    assert.equal((await stranger.jobs.list.query()).items.length, 0);
  });

  test('without a token, or with a forged one, the gateway refuses with UNAUTHORIZED', async () => {
    for (const bearer of [null, 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln']) {
      const sent: Sent[] = [];
      const error = await failure(client('http', bearer, sent).jobs.list.query());
      assert.equal(error.data?.code, 'UNAUTHORIZED');
      assert.equal(error.data?.httpStatus, 401);
      assert.equal(error.shape?.code, -32001);
      assert.equal(sent[0]!.status, 401);
    }
  });

  test('a query sent as a mutation, and the reverse, are METHOD_NOT_SUPPORTED', async () => {
    const untyped = createTRPCUntypedClient<AppRouter>({
      links: [httpLink({ url: trpcUrl, headers: { authorization: `Bearer ${token}` } })],
    });
    const asMutation = await failure(untyped.mutation('jobs.list', undefined));
    const asQuery = await failure(untyped.query('me.deleteData', undefined));
    const unknown = await failure(untyped.query('jobs.everything', undefined));

    assert.equal(asMutation.data?.code, 'METHOD_NOT_SUPPORTED');
    assert.equal(asMutation.data?.httpStatus, 405);
    assert.equal(asMutation.message, 'Unsupported POST-request to query procedure at path "jobs.list"');
    assert.equal(asQuery.data?.code, 'METHOD_NOT_SUPPORTED');
    assert.equal(unknown.data?.code, 'NOT_FOUND');
  });
});

describe('httpBatchLink', () => {
  test('calls made together go as one batched request', async () => {
    const sent: Sent[] = [];
    const trpc = client('batch', token, sent);
    const [read, persona, page] = await Promise.all([
      trpc.jobs.get.query({ jobId: job.jobId }),
      trpc.personas.get.query({ jobId: job.jobId }),
      trpc.jobs.list.query({ limit: 1 }),
    ]);
    assert.equal(read.jobId, job.jobId);
    assert.equal(persona.jobId, job.jobId);
    assert.equal(page.items.length, 1);
    assert.equal(sent.length, 1);
    assert.match(sent[0]!.url, /\/trpc\/jobs\.get,personas\.get,jobs\.list\?batch=1&input=/);
    assert.equal(sent[0]!.status, 200);
    assert.equal(sent[0]!.headers.get('authorization'), `Bearer ${token}`);
  });

  test('a batch mixing success and failure settles each call on its own', async () => {
    const sent: Sent[] = [];
    const trpc = client('batch', otherToken, sent);
    const own = await client('http', otherToken).uploads.create.mutate({
      filename: 'mine.csv', contentType: 'text/csv', sizeBytes: 20,
    });
    const [mine, theirs, invalid] = await Promise.allSettled([
      trpc.jobs.get.query({ jobId: own.jobId }),
      trpc.jobs.get.query({ jobId: job.jobId }),
      trpc.jobs.list.query({ limit: 0 }),
    ]);

    assert.equal(mine.status, 'fulfilled');
    assert.equal(mine.value.status, 'AWAITING_UPLOAD');
    assert.equal(theirs.status, 'rejected');
    assert.ok(theirs.reason instanceof TRPCClientError);
    assert.equal(theirs.reason.data?.code, 'NOT_FOUND');
    assert.equal(invalid.status, 'rejected');
    assert.equal(invalid.reason.data?.code, 'BAD_REQUEST');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.status, 207, 'the calls answered 200, 404 and 400: Multi-Status, as tRPC answers');
  });

  test('without a token every call of a batch is UNAUTHORIZED', async () => {
    const anonymous = client('batch', null);
    const results = await Promise.allSettled([anonymous.jobs.list.query(), anonymous.personas.latest.query()]);
    for (const result of results) {
      assert.equal(result.status, 'rejected');
      assert.equal(result.reason.data?.code, 'UNAUTHORIZED');
    }
  });
});

/** A REST request of the same user, to compare what `/v1` answers with what `/trpc` answers. */
async function rest(path: string, bearer: string): Promise<Response> {
  return fetch(new URL(path, apiUrl), { headers: { authorization: `Bearer ${bearer}` } });
}

/** Asserts a failed call's tRPC code, JSON-RPC number and status. */
function assertCode(error: TRPCClientError<AppRouter>, code: string, jsonRpcCode: number, httpStatus: number) {
  assert.equal(error.data?.code, code, error.message);
  assert.equal(error.shape?.code, jsonRpcCode);
  assert.equal(error.data?.httpStatus, httpStatus);
}

describe('me', () => {
  test('me.get is the profile with the ETag GET /v1/me sends; me.update takes it as ifMatch', async () => {
    const trpc = client('http', token);
    const read = await trpc.me.get.query();
    const restRead = await rest('/v1/me', token);
    assert.deepEqual(read.profile, await restRead.json());
    assert.equal(read.etag, restRead.headers.get('etag'));

    const updated = await trpc.me.update.mutate({ ifMatch: read.etag, changes: { timezone: 'Europe/Paris' } });
    assert.equal(updated.profile.timezone, 'Europe/Paris');
    assert.notEqual(updated.etag, read.etag);
    const stale = await failure(trpc.me.update.mutate({ ifMatch: read.etag, changes: { locale: 'fr-FR' } }));
    assertCode(stale, 'PRECONDITION_FAILED', -32012, 412);
    assert.equal(stale.data?.problemCode, 'PRECONDITION_FAILED');

    const invalid = await failure(trpc.me.update.mutate({ changes: { timezone: 'Mars/Olympus' } }));
    assertCode(invalid, 'BAD_REQUEST', -32600, 400);
    assert.deepEqual(invalid.data?.errors, [
      { field: 'changes.timezone', message: 'must be an IANA time zone such as Europe/Paris' }]);
  });
});

describe('notes', () => {
  test('create, get, list, update and delete, each typed, with the REST ETag as etag', async () => {
    const trpc = client('http', token);
    const created = await trpc.notes.create.mutate({ title: 'Reading', body: '# Books\n- one', tags: ['reading'] });
    const noteId = created.note.noteId;
    assert.equal(created.note.body, '# Books\n- one');
    const restRead = await rest(`/v1/notes/${noteId}`, token);
    assert.deepEqual(created.note, await restRead.json());
    assert.equal(created.etag, restRead.headers.get('etag'));
    assert.deepEqual(await trpc.notes.get.query({ noteId }), created);

    const page = await trpc.notes.list.query({ tag: 'reading', limit: 10 });
    assert.deepEqual(page.items.map((item) => item.noteId), [noteId]);
    assert.equal((await trpc.notes.list.query({ tag: 'nothing-here' })).items.length, 0);

    const updated = await trpc.notes.update.mutate({
      noteId, ifMatch: created.etag, note: { title: 'Reading 2026', body: '- two', tags: ['reading'] },
    });
    assert.equal(updated.note.title, 'Reading 2026');
    assert.equal(updated.note.createdAt, created.note.createdAt);
    assert.equal((await rest(`/v1/notes/${noteId}`, token)).headers.get('etag'), updated.etag);

    const stale = await failure(trpc.notes.delete.mutate({ noteId, ifMatch: created.etag }));
    assertCode(stale, 'PRECONDITION_FAILED', -32012, 412);
    assert.equal(await trpc.notes.delete.mutate({ noteId, ifMatch: updated.etag }), undefined);
    assertCode(await failure(trpc.notes.get.query({ noteId })), 'NOT_FOUND', -32004, 404);
  });

  test('of two writers of the same version exactly one wins; the other is PRECONDITION_FAILED', async () => {
    const created = await client('http', token).notes.create.mutate({ title: 'Shared', body: 'v1' });
    const noteId = created.note.noteId;
    // Two clients, so that the two updates are two requests sent at once, not one batch.
    const writers = [client('http', token), client('http', token)];
    const results = await Promise.allSettled(writers.map((writer, index) => writer.notes.update.mutate({
      noteId, ifMatch: created.etag, note: { title: `Writer ${index}`, body: `v2 by ${index}` },
    })));

    const won = results.filter((result): result is PromiseFulfilledResult<VersionedNote> =>
      result.status === 'fulfilled');
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    assert.equal(won.length, 1, 'exactly one writer wins');
    assert.equal(lost.length, 1);
    const error = lost[0]!.reason as TRPCClientError<AppRouter>;
    assert.ok(error instanceof TRPCClientError);
    assertCode(error, 'PRECONDITION_FAILED', -32012, 412);
    assert.equal(error.data?.path, 'notes.update');
    assert.match(error.message, /changed since its ETag was read/);
    const winner = won[0]!.value;
    assert.deepEqual(await writers[0]!.notes.get.query({ noteId }), winner);
  });

  test('a bad input is a BAD_REQUEST naming each invalid field, inside the REST body too', async () => {
    const trpc = client('http', token);
    const invalid = await failure(trpc.notes.create.mutate({ title: '', body: 'x', tags: ['Not A Tag'] }));
    assertCode(invalid, 'BAD_REQUEST', -32600, 400);
    assert.equal(invalid.data?.problemCode, 'VALIDATION_FAILED');
    assert.equal(invalid.message, 'One or more fields are invalid: see errors.');
    assert.deepEqual(invalid.data?.errors?.map((field) => field.field).sort(), ['tags[0]', 'title']);

    const { note, etag } = await trpc.notes.create.mutate({ title: 'Valid', body: 'x' });
    const nested = await failure(trpc.notes.update.mutate({ noteId: note.noteId, ifMatch: etag,
      note: { title: ' ', body: 'x' } }));
    assert.deepEqual(nested.data?.errors,
      [{ field: 'note.title', message: 'must have a visible character and no control characters' }]);

    const untyped = createTRPCUntypedClient<AppRouter>({
      links: [httpLink({ url: trpcUrl, headers: { authorization: `Bearer ${token}` } })],
    });
    const withoutIfMatch = await failure(untyped.mutation('notes.update',
      { noteId: note.noteId, note: { title: 'T', body: 'b' } }));
    assertCode(withoutIfMatch, 'BAD_REQUEST', -32600, 400);
    assert.equal(withoutIfMatch.data?.errors?.[0]?.field, 'ifMatch');
    assert.match(withoutIfMatch.data?.errors?.[0]?.message ?? '', /required/);
  });

  test("another user's note is NOT_FOUND to get, update and delete, and is left as it was", async () => {
    const mine = await client('http', token).notes.create.mutate({ title: 'Private', body: 'mine' });
    const stranger = client('http', otherToken);
    const noteId = mine.note.noteId;
    const attempts = [
      () => stranger.notes.get.query({ noteId }),
      () => stranger.notes.update.mutate({ noteId, ifMatch: mine.etag, note: { title: 'Taken', body: 'x' } }),
      () => stranger.notes.update.mutate({ noteId, ifMatch: '*', note: { title: 'Taken', body: 'x' } }),
      () => stranger.notes.delete.mutate({ noteId }),
    ];
    for (const attempt of attempts) {
      assertCode(await failure(attempt()), 'NOT_FOUND', -32004, 404);
    }
    assert.ok(!(await stranger.notes.list.query()).items.some((item) => item.noteId === noteId));
    assert.deepEqual(await client('http', token).notes.get.query({ noteId }), mine);
  });
});

describe('bookmarks', () => {
  test('create, conflict, update, list, import and delete', async () => {
    const trpc = client('http', token);
    const created = await trpc.bookmarks.create.mutate({ url: 'https://Example.org/Read/?b=2&a=1#top',
      tags: ['later'] });
    const bookmarkId = created.bookmark.bookmarkId;
    const restRead = await rest(`/v1/bookmarks/${bookmarkId}`, token);
    assert.deepEqual(created.bookmark, await restRead.json());
    assert.equal(created.etag, restRead.headers.get('etag'));

    const again = await failure(trpc.bookmarks.create.mutate({ url: created.bookmark.url }));
    assertCode(again, 'CONFLICT', -32009, 409);
    assert.equal(again.message, `This address is bookmarked already: ${created.bookmark.links.self}.`);

    const renamed = await trpc.bookmarks.update.mutate({ bookmarkId, ifMatch: created.etag,
      bookmark: { url: created.bookmark.url, title: 'Renamed', tags: ['later'] } });
    assert.equal(renamed.bookmark.title, 'Renamed');
    const stale = await failure(trpc.bookmarks.update.mutate({ bookmarkId, ifMatch: created.etag,
      bookmark: { url: created.bookmark.url, title: 'Lost' } }));
    assertCode(stale, 'PRECONDITION_FAILED', -32012, 412);

    const report = await trpc.bookmarks.import.mutate({ html: '<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n'
      + '<DT><A HREF="https://imported.example/a" ADD_DATE="1700000000">A</A>\n'
      + '<DT><A HREF="javascript:alert(1)">B</A>\n</DL><p>\n' });
    assert.equal(report.received, 2);
    assert.equal(report.imported, 1);
    assert.equal(report.invalid, 1);
    const page = await trpc.bookmarks.list.query({ limit: 100 });
    assert.ok(page.items.some((item) => item.url === 'https://imported.example/a'));
    assert.deepEqual((await trpc.bookmarks.list.query({ tag: 'later' })).items.map((item) => item.bookmarkId),
      [bookmarkId]);

    assertCode(await failure(client('http', otherToken).bookmarks.get.query({ bookmarkId })), 'NOT_FOUND', -32004,
      404);
    assertCode(await failure(client('http', otherToken).bookmarks.delete.mutate({ bookmarkId })), 'NOT_FOUND', -32004,
      404);
    assert.equal(await trpc.bookmarks.delete.mutate({ bookmarkId, ifMatch: renamed.etag }), undefined);
    assertCode(await failure(trpc.bookmarks.get.query({ bookmarkId })), 'NOT_FOUND', -32004, 404);

    const invalid = await failure(trpc.bookmarks.create.mutate({ url: 'ftp://example.org/' }));
    assertCode(invalid, 'BAD_REQUEST', -32600, 400);
    assert.equal(invalid.data?.errors?.[0]?.field, 'url');
    assert.match(invalid.data?.errors?.[0]?.message ?? '', /^must be an http or https address/);
  });
});

describe('files', () => {
  test('a file registered over tRPC is uploaded, downloaded through its signed URL and deleted', async () => {
    const trpc = client('http', token);
    const content = Buffer.from('Minutes of the meeting, ünïcode and all.', 'utf8');
    const created = await trpc.files.create.mutate({ name: 'Minutes.txt', contentType: 'text/plain',
      sizeBytes: content.byteLength });
    const fileId = created.file.fileId;
    assert.equal(created.file.state, 'PENDING');
    const headers = Object.entries(created.upload.headers).filter(([name]) => name.toLowerCase() !== 'content-length');
    assert.equal((await fetch(created.upload.url, { method: 'PUT', headers, body: content })).status, 200);

    const deadline = Date.now() + 30_000;
    let file = await trpc.files.get.query({ fileId });
    while (file.state !== 'AVAILABLE') {
      assert.ok(Date.now() < deadline, 'the file becomes AVAILABLE once its S3 event arrived');
      await new Promise((resolve) => setTimeout(resolve, 100));
      file = await trpc.files.get.query({ fileId });
    }
    assert.ok(file.download, 'an available file has a signed download URL');
    const download = await fetch(file.download.url);
    assert.equal(download.status, 200);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), content);
    assert.ok((await trpc.files.list.query({ limit: 100 })).items.some((item) => item.fileId === fileId));

    const stranger = client('http', otherToken);
    assertCode(await failure(stranger.files.get.query({ fileId })), 'NOT_FOUND', -32004, 404);
    assertCode(await failure(stranger.files.delete.mutate({ fileId })), 'NOT_FOUND', -32004, 404);
    assert.ok(!(await stranger.files.list.query()).items.some((item) => item.fileId === fileId));

    assert.equal(await trpc.files.delete.mutate({ fileId }), undefined);
    assertCode(await failure(trpc.files.get.query({ fileId })), 'NOT_FOUND', -32004, 404);
    const tooLarge = await failure(trpc.files.create.mutate({ name: 'x.bin', contentType: 'text/plain',
      sizeBytes: 0 }));
    assertCode(tooLarge, 'BAD_REQUEST', -32600, 400);
    assert.equal(tooLarge.data?.errors?.[0]?.field, 'sizeBytes');
  });

  test('the personal queries go together as one batched request', async () => {
    const sent: Sent[] = [];
    const trpc = client('batch', token, sent);
    const [profile, notes, bookmarks, files] = await Promise.all([trpc.me.get.query(), trpc.notes.list.query(),
      trpc.bookmarks.list.query(), trpc.files.list.query()]);
    assert.ok(profile.etag.startsWith('"'));
    assert.ok(Array.isArray(notes.items) && Array.isArray(bookmarks.items) && Array.isArray(files.items));
    assert.equal(sent.length, 1);
    assert.match(sent[0]!.url, /\/trpc\/me\.get,notes\.list,bookmarks\.list,files\.list\?batch=1/);
  });
});

describe('me.deleteData', () => {
  test('deletes every job and persona of the caller and leaves the other user alone', async () => {
    const trpc = client('batch', token);
    const report = await trpc.me.deleteData.mutate();
    assert.ok(report.deleted.jobRecords >= 2);
    assert.ok(report.deleted.personaRecords >= 2);
    assert.ok((report.deleted.records['notes'] ?? 0) >= 1);
    assert.equal((await trpc.notes.list.query()).items.length, 0);
    assert.equal((await trpc.jobs.list.query()).items.length, 0);
    const error = await failure(trpc.personas.latest.query());
    assert.equal(error.data?.code, 'NOT_FOUND');
    assert.ok((await client('http', otherToken).jobs.list.query()).items.length >= 1);
  });
});

describe('CORS', () => {
  test('answers carry the same CORS headers as the REST API', async () => {
    const origin = new URL(apiUrl).origin;
    const preflight = await fetch(`${trpcUrl}/jobs.list`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), origin);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /GET/);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);

    const answer = await fetch(`${trpcUrl}/jobs.list`, { headers: { origin, authorization: `Bearer ${token}` } });
    assert.equal(answer.headers.get('access-control-allow-origin'), origin);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
  });
});
