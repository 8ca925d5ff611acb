import type { CreatedUpload, DeletionReport, Job, JobList, Persona, Problem, UploadCredentials } from './types';

/** An error the API answered with, in the words of its problem document. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly requestId?: string,
    readonly fieldErrors: { field: string; message: string }[] = [],
    readonly retryAfterSeconds?: number,
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
    problem.errors ?? [], retryAfter);
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
    return (await this.call('POST', '/v1/uploads', { body: JSON.stringify(file), signal })).json();
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
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) {
      query.set('cursor', cursor);
    }
    return (await this.call('GET', `/v1/jobs?${query}`)).json();
  }

  /** The persona document and its exact text, for the download. */
  async persona(jobId: string): Promise<{ persona: Persona; text: string }> {
    const text = await (await this.call('GET', `/v1/personas/${encodeURIComponent(jobId)}`)).text();
    return { persona: JSON.parse(text) as Persona, text };
  }

  async deleteMyData(): Promise<DeletionReport> {
    return (await this.call('DELETE', '/v1/me/data')).json();
  }

  private async call(method: string, path: string,
    options: { body?: string; headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<Response> {
    const token = await this.token();
    if (!token) {
      this.onUnauthorized();
      throw new ApiError(401, 'UNAUTHORIZED', 'Your session has ended. Please sign in again.');
    }
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, ...options.headers };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, {
        method, headers, body: options.body, signal: options.signal, cache: 'no-store', credentials: 'omit',
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
