// Generated from dev.persona.trpc.AppRouter, its input schemas and docs/openapi.yaml by
// dev.persona.trpc.typescript.AppRouterDeclaration: do not edit (README.md, "tRPC", says how to regenerate).
import type {
  TRPC_ERROR_CODE_KEY,
  TRPC_ERROR_CODE_NUMBER,
  TRPCBuiltRouter,
  TRPCMutationProcedure,
  TRPCQueryProcedure,
} from '@trpc/server';

/** One page of the caller's jobs, newest first. */
export interface JobsListInput {
  /** Jobs on the page: 1 to 100, 20 when left out. */
  limit?: number;
  /** The previous page's nextCursor; left out for the first page. */
  cursor?: string;
}

export type JobStatus = "AWAITING_UPLOAD" | "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";

export interface Job {
  jobId: string;
  status: JobStatus;
  /** The running step, while `RUNNING`. */
  step?: "preprocess" | "categorize" | "build-persona";
  filename?: string;
  contentType?: string;
  declaredSizeBytes?: number;
  uploadedSizeBytes?: number;
  detectedFormat?: string;
  createdAt: string;
  updatedAt: string;
  queuedAt?: string;
  finishedAt?: string;
  counts?: {
    recordsRead?: number;
    recordsKept?: number;
    recordsRejected?: number;
    duplicatesRemoved?: number;
    recordsCategorized?: number;
  };
  /** Why the job failed, while `FAILED`; the message is written for the user. */
  error?: {
    code: string;
    message: string;
  };
  /** The persona, once `SUCCEEDED`. */
  persona?: {
    href: string;
    archetype?: string;
  };
  links: {
    self: string;
  };
}

export interface JobList {
  items: Job[];
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/** One of the caller's jobs (its id is also its upload's id). */
export interface JobIdInput {
  /** The job's id, as uploads.create returned it. */
  jobId: string;
}

/** The persona document built by the pipeline ([persona.md](persona.md)), returned unchanged. */
export interface Persona {
  schemaVersion: "1.1";
  jobId: string;
  generatedAt: string;
  timezone: {
    /** IANA zone id, a fixed offset such as +02:00, or UTC */
    id: string;
    source: "upload" | "profile" | "timestamps" | "default";
  };
  archetype: {
    label: string;
    noun: string;
    modifier?: string;
    basis: {
      topInterest?: string;
      chronotype: string;
      diversity: string;
    };
  };
  summary: string;
  interests: Array<{
    category: string;
    count: number;
    share: number;
    score: number;
    trend: "rising" | "steady" | "falling";
    recentShare: number;
    topTerms: {
      value: string;
      count: number;
    }[];
    topDomains: {
      value: string;
      count: number;
    }[];
    examples: {
      time: string;
      kind: string;
      text?: string;
      /** A clean http(s) URL: ASCII host, path characters of RFC 3986 only (quotes, angle brackets, spaces and the apostrophe are percent-encoded). */
      url?: string;
    }[];
  }>;
  rhythms: {
    hourOfDay: number[];
    dayOfWeek: number[];
    /** Timed activities per local weekday (row 0 = Monday) and hour of day (column 0 = 00:00-00:59). */
    weekHour?: Array<number[]>;
    peakHour?: number;
    peakDay: "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday";
    chronotype: "early bird" | "night owl" | "evening person" | "daytime" | "unknown";
    periodShares: {
      morning: number;
      daytime: number;
      evening: number;
      night: number;
    };
    weekdayShare: number;
    weekendShare: number;
  };
  engagement: {
    activeDays: number;
    spanDays: number;
    eventsPerActiveDay: number;
    longestStreakDays: number;
    sessions: number;
    averageSessionMinutes: number;
    eventsPerSession: number;
    sessionGapMinutes: number;
  };
  diversity: {
    entropy: number;
    normalizedEntropy: number;
    label: "focused" | "balanced" | "eclectic";
    categoriesSeen: number;
  };
  dataQuality: {
    recordsRead: number;
    recordsUsed: number;
    recordsRejected: number;
    duplicatesRemoved: number;
    /** Rejected records per reason, as the preprocessing report names them. */
    rejectedByReason?: {
      [name: string]: number;
    };
    uncategorized: number;
    uncategorizedShare: number;
    dateOnlyRecords: number;
    firstActivityAt?: string;
    lastActivityAt?: string;
    /** The upload's format, or the archive's type for an archive (its files' formats are in recordsByFormat). */
    detectedFormat: "takeout-my-activity" | "takeout-my-activity-html" | "chrome-history" | "spotify-streaming-history" | "spotify-extended-history" | "netflix-viewing-activity" | "json-array" | "json-lines" | "csv" | "zip" | "tar";
    /** valid records that are not the person's activity: advertisements, trailers and previews, reloads, plays under 30 seconds, other profiles */
    recordsSkipped?: number;
    skippedByReason?: Partial<Record<"advertisement" | "reload" | "not-a-web-page" | "short-play" | "unknown-item" | "trailer" | "autoplay-preview" | "other-profile", number>>;
    recordsByFormat?: Partial<Record<"takeout-my-activity" | "takeout-my-activity-html" | "chrome-history" | "spotify-streaming-history" | "spotify-extended-history" | "netflix-viewing-activity" | "json-array" | "json-lines" | "csv", number>>;
    archive?: {
      type: "zip" | "tar";
      entries: number;
      filesRead: number;
      filesSkipped: number;
      skippedByReason: Partial<Record<"not-text" | "not-utf8" | "empty" | "not-activity-data" | "nested-archive", number>>;
    };
  };
  /** Every source of the activities (a product such as YouTube, Search, Chrome, Maps, Spotify or Netflix, or a generic file's format), largest first. */
  sources: {
    source: string;
    count: number;
    share: number;
    topCategories: {
      category: string;
      count: number;
      share: number;
    }[];
  }[];
  /** Present when the upload has plays of music, podcasts or audiobooks (Spotify, YouTube Music). */
  listening?: {
    plays: number;
    minutes: number;
    music: {
      plays: number;
      minutes: number;
      share: number;
    };
    podcasts: {
      plays: number;
      minutes: number;
      share: number;
    };
    audiobooks: {
      plays: number;
      minutes: number;
      share: number;
    };
    topArtists: {
      name: string;
      plays: number;
      minutes: number;
    }[];
    topPodcasts: {
      name: string;
      plays: number;
      minutes: number;
    }[];
  };
  /** Present when the upload has series, films (Netflix) or videos (YouTube) watched. */
  watching?: {
    titles: number;
    episodes: number;
    movies: number;
    minutes: number;
    videos: number;
    topShows: {
      name: string;
      episodes: number;
      minutes: number;
    }[];
    bingeSessions: number;
    longestBinge?: {
      show: string;
      episodes: number;
      minutes: number;
      startedAt: string;
    };
    profiles: {
      value: string;
      count: number;
    }[];
  };
}

/** Asks for a place to upload one activity file or archive of files. */
export interface CreateUploadRequest {
  /** The file's name on the user's machine; sanitized before it becomes part of the key. */
  filename: string;
  /** The content is detected from the bytes; the type only has to be one a browser would send for such a file (archives and Takeout's HTML pages included). */
  contentType: "application/json" | "application/x-ndjson" | "application/jsonl" | "text/csv" | "text/plain" | "text/tab-separated-values" | "application/gzip" | "application/x-gzip" | "application/zip" | "application/x-zip-compressed" | "application/x-tar" | "application/x-gtar" | "application/x-compressed-tar" | "text/html" | "application/octet-stream";
  /** Exact size of the file; the presigned POST enforces it as the upper bound. */
  sizeBytes: number;
  /** IANA time zone of the user (e.g. Europe/Paris), used for hour-of-day rhythms. */
  timezone?: string;
  /** For a Netflix export: the profile whose viewing becomes the persona (matched without regard to case); without it, every profile's viewing counts. */
  viewingProfile?: string;
}

export interface PresignedPut {
  url: string;
  /** Signed headers the PUT must carry exactly (Content-Length is the file's size). */
  headers: {
    [name: string]: string;
  };
  expiresAt: string;
}

export interface PresignedPost {
  url: string;
  /** Form fields to send, in this order, before the `file` field. */
  fields: {
    key: string;
    'Content-Type': string;
    'x-amz-algorithm': string;
    'x-amz-credential': string;
    'x-amz-date': string;
    policy: string;
    'x-amz-signature': string;
    [name: string]: string;
  };
  expiresAt: string;
}

export interface CreatedUpload {
  /** Time-sortable id; equal to `jobId`. */
  uploadId: string;
  jobId: string;
  /** `uploads/{userId}/{uploadId}/{sanitized filename}`. */
  key: string;
  put: PresignedPut;
  post: PresignedPost;
}

export interface DeletionReport {
  deleted: {
    /** Objects deleted per storage area (`uploads`, `processed`, `personas`, `files`). */
    objects: {
      [name: string]: number;
    };
    /** Items deleted per table of personal records (`notes`, `bookmarks`, `files`, `account`). */
    records: {
      [name: string]: number;
    };
    multipartUploads: number;
    jobRecords: number;
    personaRecords: number;
  };
}

export type ProblemCode = "BAD_REQUEST" | "VALIDATION_FAILED" | "INVALID_CURSOR" | "UNAUTHORIZED" | "ACCESS_DENIED" | "QUOTA_EXCEEDED" | "NOT_FOUND" | "CONFLICT" | "PRECONDITION_FAILED" | "CONTENT_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "PRECONDITION_REQUIRED" | "TOO_MANY_REQUESTS" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE" | "GATEWAY_TIMEOUT";

export interface FieldError {
  /** The field's path in the body, or the query parameter's name. */
  field: string;
  message: string;
}

/** What every error carries in `data`: tRPC's own members and the API's problem. */
export interface PersonaErrorData {
  /** tRPC's code, such as `BAD_REQUEST` or `NOT_FOUND`. */
  code: TRPC_ERROR_CODE_KEY;
  /** The HTTP status of the error (in a batch, the call's own). */
  httpStatus: number;
  /** The procedure that failed; absent when the whole request was refused. */
  path?: string;
  /** The REST API's code for the same error (`VALIDATION_FAILED`, `INVALID_CURSOR`…); absent when the protocol itself refused the call. */
  problemCode?: ProblemCode;
  /** The request's id, to quote when reporting a problem. */
  requestId: string;
  /** Every invalid input field, for `VALIDATION_FAILED`. */
  errors?: FieldError[];
}

/** The error shape of the endpoint: tRPC's default shape with the API's problem in `data`. */
export interface PersonaErrorShape {
  message: string;
  code: TRPC_ERROR_CODE_NUMBER;
  data: PersonaErrorData;
}

/** The router behind `/trpc`, for `createTRPCClient<AppRouter>`. */
export type AppRouter = TRPCBuiltRouter<
  { ctx: object; meta: object; errorShape: PersonaErrorShape; transformer: false },
  {
    jobs: {
      list: TRPCQueryProcedure<{ input: JobsListInput | undefined; output: JobList; meta: object }>;
      get: TRPCQueryProcedure<{ input: JobIdInput; output: Job; meta: object }>;
    };
    personas: {
      latest: TRPCQueryProcedure<{ input: void; output: Persona; meta: object }>;
      get: TRPCQueryProcedure<{ input: JobIdInput; output: Persona; meta: object }>;
    };
    uploads: {
      create: TRPCMutationProcedure<{ input: CreateUploadRequest; output: CreatedUpload; meta: object }>;
    };
    me: {
      deleteData: TRPCMutationProcedure<{ input: void; output: DeletionReport; meta: object }>;
    };
  }
>;
