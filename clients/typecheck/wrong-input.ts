// Must not compile: every call below passes an input the generated AppRouter refuses.
// test/types.test.ts compiles this file and expects exactly the errors it names in the comments.
import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from '../src/generated/app-router.js';

const client = createTRPCClient<AppRouter>({ links: [httpLink({ url: 'http://127.0.0.1/trpc' })] });

// error: a job id is a string
await client.jobs.get.query({ jobId: 42 });
// error: the size is a number of bytes
await client.uploads.create.mutate({ filename: 'a.csv', contentType: 'text/csv', sizeBytes: '10' });
// error: a content type the API does not accept
await client.uploads.create.mutate({ filename: 'a.png', contentType: 'image/png', sizeBytes: 10 });
// error: jobs.get needs its input
await client.jobs.get.query();
// error: a query is not a mutation
await client.jobs.list.mutate();
// error: an update names the version it replaces
await client.notes.update.mutate({ noteId: 'n', note: { title: 't', body: 'b' } });
// error: a bookmark's tags are an array of strings
await client.bookmarks.create.mutate({ url: 'https://example.org/', tags: 'reading' });
// error: a deletion returns nothing
(await client.notes.delete.mutate({ noteId: 'n' })).etag;
const job = await client.jobs.get.query({ jobId: 'x' });
// error: the output has no such member
job.owner;
