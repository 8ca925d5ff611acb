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
import type { AppRouter, Job } from '../src/generated/app-router.js';
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

describe('me.deleteData', () => {
  test('deletes every job and persona of the caller and leaves the other user alone', async () => {
    const trpc = client('batch', token);
    const report = await trpc.me.deleteData.mutate();
    assert.ok(report.deleted.jobRecords >= 2);
    assert.ok(report.deleted.personaRecords >= 2);
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
