/**
 * A program written against the generated `AppRouter` with the stock `@trpc/client`: it uploads an activity file
 * through the running system (`uploads.create`, then the presigned PUT straight to S3), follows the job through the
 * pipeline and reads the persona it produced.
 *
 *   ./persona-local up                      # in another terminal
 *   cd clients && npm ci && npx tsc -p .
 *   PERSONA_API_URL=http://127.0.0.1:3000 PERSONA_TOKEN=$(../persona-local token --user alice) \
 *     node dist/src/example/upload-and-read-persona.js ../local/runtime/src/main/resources/sample/MyActivity.json
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter, CreateUploadRequest, Job, Persona } from '../generated/app-router.js';

/** The client of the endpoint at `{apiUrl}/trpc`, calling as the holder of `token`. */
export function personaClient(apiUrl: string, token: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: new URL('/trpc', apiUrl).toString(),
        headers: () => ({ authorization: `Bearer ${token}` }),
        // The endpoint serves batches of up to 10 calls.
        maxItems: 10,
      }),
    ],
  });
}

export interface UploadOptions {
  apiUrl: string;
  token: string;
  file: string;
  /** The IANA zone the file's local times are in; UTC when left out. */
  timezone?: string;
  /** How long to wait for the pipeline; 60 s when left out. */
  timeoutMs?: number;
  /** Receives a line for every step. */
  log?: (line: string) => void;
}

export interface UploadResult {
  job: Job;
  persona: Persona;
}

const CONTENT_TYPES: Record<string, CreateUploadRequest['contentType']> = {
  '.json': 'application/json',
  '.jsonl': 'application/x-ndjson',
  '.ndjson': 'application/x-ndjson',
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.gz': 'application/gzip',
};

/** Uploads the file, waits until the pipeline has finished with it and returns its job and persona. */
export async function uploadAndReadPersona(options: UploadOptions): Promise<UploadResult> {
  const log = options.log ?? (() => {});
  const client = personaClient(options.apiUrl, options.token);
  const content = await readFile(options.file);
  const upload = await client.uploads.create.mutate({
    filename: basename(options.file),
    contentType: CONTENT_TYPES[extname(options.file).toLowerCase()] ?? 'application/octet-stream',
    sizeBytes: content.byteLength,
    timezone: options.timezone ?? 'UTC',
  });
  log(`job ${upload.jobId}: uploading ${content.byteLength} bytes to ${upload.key}`);

  // The signed headers go as they are; fetch sets Content-Length from the body itself.
  const headers = Object.entries(upload.put.headers).filter(([name]) => name.toLowerCase() !== 'content-length');
  const put = await fetch(upload.put.url, { method: 'PUT', headers, body: content });
  if (!put.ok) {
    throw new Error(`the presigned PUT failed with ${put.status}: ${await put.text()}`);
  }

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let job = await client.jobs.get.query({ jobId: upload.jobId });
  while (job.status !== 'SUCCEEDED') {
    if (job.status === 'FAILED') {
      throw new Error(`the pipeline refused the file: ${job.error?.code}: ${job.error?.message}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`job ${upload.jobId} is still ${job.status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    job = await client.jobs.get.query({ jobId: upload.jobId });
  }
  log(`job ${job.jobId}: ${job.status}, ${job.counts?.recordsKept ?? 0} activities kept`);
  return { job, persona: await client.personas.get.query({ jobId: job.jobId }) };
}

/** The persona in a few lines. */
export function describe(persona: Persona): string {
  const interests = persona.interests.slice(0, 5)
    .map((interest) => `  ${interest.category.padEnd(28)} ${(interest.share * 100).toFixed(1).padStart(5)} %`);
  return [
    `${persona.archetype.label}: ${persona.summary}`,
    'top interests:',
    ...interests,
    `chronotype: ${persona.rhythms.chronotype}, busiest day: ${persona.rhythms.peakDay}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const apiUrl = process.env['PERSONA_API_URL'];
  const token = process.env['PERSONA_TOKEN'];
  const file = process.argv[2];
  if (!apiUrl || !token || !file) {
    console.error('usage: PERSONA_API_URL=… PERSONA_TOKEN=… node upload-and-read-persona.js FILE');
    process.exitCode = 2;
    return;
  }
  const result = await uploadAndReadPersona({ apiUrl, token, file, log: (line) => console.log(line) });
  console.log(describe(result.persona));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
