import type {
  Bookmark, BookmarkImportReport, BookmarkInput, CreatedFile, CreatedUpload, DeletionReport, Job, JobList, LibraryFile,
  Note, NoteInput, NoteSummary, Page, Persona, Problem, Profile, ProfileChanges, UploadCredentials,
} from './types';

/** An error the API answered with, in the words of its problem document. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly requestId?: string,
    readonly fieldErrors: { field: string; message: string }[] = [],
    readonly retryAfterSeconds?: number,
    /** The resource a 409 names: the one that exists already. */
    readonly location?: string,
  ) {
    super(detail);
  }
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') {
    return undefined;
  }
  if (/^\d+$/.test(value.trim())) {
    return Number(value.trim());
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The API error of a failed response: the problem document's `detail`, or plain words when there is none. */
export async function apiError(response: Response): Promise<ApiError> {
  const retryAfter = retryAfterSeconds(response.headers.get('Retry-After'));
  let problem: Problem = {};
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    problem = (await response.json().catch(() => ({}))) as Problem;
  }
  const detail = problem.detail
    ?? (response.status >= 500
      ? `The service is not answering properly right now (HTTP ${response.status}). Please try again in a moment.`
      : `The request was refused (HTTP ${response.status}).`);
  return new ApiError(response.status, problem.code ?? `HTTP_${response.status}`, detail, problem.requestId,
    problem.errors ?? [], retryAfter, response.headers.get('Location') ?? undefined);
}

/** A record with the ETag it was read at: a write names it in If-Match, so no one else's change is lost. */
export interface Versioned<T> {
  value: T;
  etag: string | null;
}

/** Which page of a listing: all items or those with one tag, from a cursor on. */
export interface ListQuery {
  tag?: string;
  cursor?: string;
  limit?: number;
}

/** The query string of a listing: `?limit=20`, with the tag and cursor when given. */
export function listQuery(query: ListQuery = {}): string {
  const parameters = new URLSearchParams({ limit: String(query.limit ?? 20) });
  if (query.tag) {
    parameters.set('tag', query.tag);
  }
  if (query.cursor) {
    parameters.set('cursor', query.cursor);
  }
  return `?${parameters}`;
}

interface CallOptions {
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as it is, with `contentType`. */
  body?: Blob;
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function ifMatch(etag: string | null | undefined): Record<string, string> {
  return etag ? { 'If-Match': etag } : {};
}

function itemPath(collection: string, id: string): string {
  return `/v1/${collection}/${encodeURIComponent(id)}`;
}

export type JobPoll =
  | { changed: true; job: Job; etag: string | null; retryAfterSeconds?: number }
  | { changed: false; retryAfterSeconds?: number };

/** The API under {base}/v1, called with the signed-in user's ID token. */
export class Api {
  constructor(
    private readonly baseUrl: string,
    private readonly token: () => Promise<string | null>,
    private readonly onUnauthorized: () => void,
    private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  async createUpload(file: { filename: string; contentType: string; sizeBytes: number; timezone: string;
    viewingProfile?: string }, signal?: AbortSignal): Promise<CreatedUpload> {
    return (await this.call('POST', '/v1/uploads', { json: file, signal })).json();
  }

  async credentials(signal?: AbortSignal): Promise<UploadCredentials> {
    return (await this.call('GET', '/v1/credentials', { signal })).json();
  }

  /** One poll of a job: unchanged (304) while its ETag still matches. */
  async pollJob(jobId: string, etag: string | null, signal?: AbortSignal): Promise<JobPoll> {
    const response = await this.call('GET', `/v1/jobs/${encodeURIComponent(jobId)}`, {
      headers: etag ? { 'If-None-Match': etag } : {},
      signal,
    });
    const retryAfter = retryAfterSeconds(response.headers.get('Retry-After'));
    if (response.status === 304) {
      return { changed: false, retryAfterSeconds: retryAfter };
    }
    return { changed: true, job: await response.json(), etag: response.headers.get('ETag'), retryAfterSeconds: retryAfter };
  }

  async job(jobId: string): Promise<Job> {
    return (await this.call('GET', `/v1/jobs/${encodeURIComponent(jobId)}`)).json();
  }

  async jobs(cursor?: string, limit = 20): Promise<JobList> {
    return (await this.call('GET', `/v1/jobs${listQuery({ cursor, limit })}`)).json();
  }

  /** The persona document and its exact text, for the download. */
  async persona(jobId: string): Promise<{ persona: Persona; text: string }> {
    const text = await (await this.call('GET', `/v1/personas/${encodeURIComponent(jobId)}`)).text();
    return { persona: JSON.parse(text) as Persona, text };
  }

  async deleteMyData(): Promise<DeletionReport> {
    return (await this.call('DELETE', '/v1/me/data')).json();
  }

  /** The caller's profile (the first read creates it from the token's claims). */
  async profile(): Promise<Versioned<Profile>> {
    return this.versioned(await this.call('GET', '/v1/me'));
  }

  /** Changes the fields given; with the ETag read, only while no one else changed the profile (412 otherwise). */
  async updateProfile(changes: ProfileChanges, etag: string | null): Promise<Versioned<Profile>> {
    return this.versioned(await this.call('PATCH', '/v1/me', { json: changes, headers: ifMatch(etag) }));
  }

  async notes(query: ListQuery = {}): Promise<Page<NoteSummary>> {
    return (await this.call('GET', `/v1/notes${listQuery(query)}`)).json();
  }

  async note(noteId: string): Promise<Versioned<Note>> {
    return this.versioned(await this.call('GET', itemPath('notes', noteId)));
  }

  async createNote(note: NoteInput): Promise<Versioned<Note>> {
    return this.versioned(await this.call('POST', '/v1/notes', { json: note }));
  }

  /** Replaces the note read at `etag`: a 412 ApiError when someone changed it since. */
  async replaceNote(noteId: string, note: NoteInput, etag: string | null): Promise<Versioned<Note>> {
    return this.versioned(await this.call('PUT', itemPath('notes', noteId), { json: note, headers: ifMatch(etag) }));
  }

  async deleteNote(noteId: string, etag: string | null): Promise<void> {
    await this.call('DELETE', itemPath('notes', noteId), { headers: ifMatch(etag) });
  }

  async bookmarks(query: ListQuery = {}): Promise<Page<Bookmark>> {
    return (await this.call('GET', `/v1/bookmarks${listQuery(query)}`)).json();
  }

  async bookmark(bookmarkId: string): Promise<Versioned<Bookmark>> {
    return this.versioned(await this.call('GET', itemPath('bookmarks', bookmarkId)));
  }

  /** A 409 ApiError whose `location` is the existing bookmark when the address is bookmarked already. */
  async createBookmark(bookmark: BookmarkInput): Promise<Versioned<Bookmark>> {
    return this.versioned(await this.call('POST', '/v1/bookmarks', { json: bookmark }));
  }

  async replaceBookmark(bookmarkId: string, bookmark: BookmarkInput, etag: string | null): Promise<Versioned<Bookmark>> {
    return this.versioned(await this.call('PUT', itemPath('bookmarks', bookmarkId),
      { json: bookmark, headers: ifMatch(etag) }));
  }

  async deleteBookmark(bookmarkId: string, etag: string | null): Promise<void> {
    await this.call('DELETE', itemPath('bookmarks', bookmarkId), { headers: ifMatch(etag) });
  }

  /** Imports a browser's bookmark file (Netscape bookmark HTML), sent as it is. */
  async importBookmarks(file: Blob): Promise<BookmarkImportReport> {
    return (await this.call('POST', '/v1/bookmarks/import', { body: file, contentType: 'text/html' })).json();
  }

  async files(query: ListQuery = {}): Promise<Page<LibraryFile>> {
    return (await this.call('GET', `/v1/files${listQuery(query)}`)).json();
  }

  /** One file; once AVAILABLE with a freshly signed download URL. */
  async file(fileId: string, signal?: AbortSignal): Promise<LibraryFile> {
    return (await this.call('GET', itemPath('files', fileId), { signal })).json();
  }

  /** Registers a file: a 403 QUOTA_EXCEEDED ApiError when it would exceed a quota. */
  async createFile(file: { name: string; contentType: string; sizeBytes: number }, signal?: AbortSignal):
    Promise<CreatedFile> {
    return (await this.call('POST', '/v1/files', { json: file, signal })).json();
  }

  async deleteFile(fileId: string): Promise<void> {
    await this.call('DELETE', itemPath('files', fileId));
  }

  private async versioned<T>(response: Response): Promise<Versioned<T>> {
    return { value: await response.json() as T, etag: response.headers.get('ETag') };
  }

  private async call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
    const token = await this.token();
    if (!token) {
      this.onUnauthorized();
      throw new ApiError(401, 'UNAUTHORIZED', 'Your session has ended. Please sign in again.');
    }
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, ...options.headers };
    let body: string | Blob | undefined;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.body !== undefined) {
      headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
      body = options.body;
    }
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, {
        method, headers, body, signal: options.signal, cache: 'no-store', credentials: 'omit',
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') {
        throw error;
      }
      throw new ApiError(0, 'NETWORK', 'The service could not be reached. Check your connection and try again.');
    }
    if (response.ok || response.status === 304) {
      return response;
    }
    const error = await apiError(response);
    if (response.status === 401) {
      this.onUnauthorized();
    }
    throw error;
  }
}
