// Generated from dev.persona.trpc.AppRouter, its input schemas and docs/openapi.yaml by
// dev.persona.trpc.typescript.AppRouterDeclaration: do not edit (README.md, "tRPC", says how to regenerate).
import type {
  TRPC_ERROR_CODE_KEY,
  TRPC_ERROR_CODE_NUMBER,
  TRPCBuiltRouter,
  TRPCMutationProcedure,
  TRPCQueryProcedure,
} from '@trpc/server';

/** One page of a listing, newest first: the query parameters of GET /v1/jobs and GET /v1/files. */
export interface PageInput {
  /** Items on the page: 1 to 100, 20 when left out. */
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

export interface Profile {
  userId: string;
  displayName: string;
  timezone: string;
  locale: string;
  bookmarksInPersona: boolean;
  /** The verified address the token carries, when it carries one. */
  email?: string;
  createdAt: string;
  updatedAt: string;
}

/** The result of the tRPC procedures `me.get` and `me.update`: the profile, and the `ETag` `GET /v1/me` sends with it, which `me.update` takes as `ifMatch`. */
export interface VersionedProfile {
  /** The strong entity tag of this version, quotes included, as the `ETag` header carries it. */
  etag: string;
  profile: Profile;
}

/** The profile fields to change; the others keep their values. */
export interface UpdateProfileRequest {
  /** How the app greets the person. */
  displayName?: string;
  /** IANA time zone (e.g. Europe/Paris): the pipeline reads times without an offset in it when an upload declares none. */
  timezone?: string;
  /** BCP 47 language tag (e.g. fr-FR). */
  locale?: string;
  /** Whether the person's bookmarks are a source of their persona. */
  bookmarksInPersona?: boolean;
}

/** Changes fields of the caller's profile: PATCH /v1/me, with If-Match when ifMatch is given. */
export interface ProfileUpdateInput {
  /** The etag of the version read (as me.get or me.update returned it, the REST API's ETag): when given, a newer version is not changed, the call fails with PRECONDITION_FAILED. */
  ifMatch?: string;
  changes: UpdateProfileRequest;
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

/** One page of a listing of tagged items, newest first: the query parameters of GET /v1/notes and GET /v1/bookmarks. */
export interface TaggedPageInput {
  /** Only the items with this tag; all of them when left out. */
  tag?: string;
  /** Items on the page: 1 to 100, 20 when left out. */
  limit?: number;
  /** The previous page's nextCursor, of the same tag; left out for the first page. */
  cursor?: string;
}

export type Tags = string[];

export interface SelfLink {
  self: string;
}

export interface NoteSummary {
  noteId: string;
  title: string;
  tags: Tags;
  createdAt: string;
  updatedAt: string;
  links: SelfLink;
}

export interface NoteList {
  items: NoteSummary[];
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/** One of the caller's notes. */
export interface NoteIdInput {
  /** The note's id, as notes.create or notes.list returned it. */
  noteId: string;
}

export interface Note {
  noteId: string;
  title: string;
  /** Markdown, as written: a client must render it safely (no raw HTML). */
  body: string;
  tags: Tags;
  createdAt: string;
  updatedAt: string;
  links: SelfLink;
}

/** The result of the tRPC procedures `notes.get`, `notes.create` and `notes.update`: the note, and the `ETag` the REST routes send with it, which `notes.update` and `notes.delete` take as `ifMatch`. */
export interface VersionedNote {
  /** The strong entity tag of this version, quotes included, as the `ETag` header carries it. */
  etag: string;
  note: Note;
}

/** A note: its title, its Markdown body and its tags. */
export interface NoteRequest {
  title: string;
  /** Markdown; at most 65,536 characters and 65,536 bytes of UTF-8. */
  body: string;
  tags?: string[];
}

/** Replaces one of the caller's notes, only while it is the version read: PUT /v1/notes/{noteId} with If-Match. */
export interface NoteUpdateInput {
  /** The note's id. */
  noteId: string;
  /** The etag of the version read (as notes.get, notes.create or notes.update returned it, the REST API's ETag): a newer version is not replaced, the call fails with PRECONDITION_FAILED. */
  ifMatch: string;
  note: NoteRequest;
}

/** Deletes one of the caller's notes: DELETE /v1/notes/{noteId}, with If-Match when ifMatch is given. */
export interface NoteDeleteInput {
  /** The note's id. */
  noteId: string;
  /** The etag of the version read: when given, a newer version is not deleted, the call fails with PRECONDITION_FAILED. */
  ifMatch?: string;
}

export interface Bookmark {
  bookmarkId: string;
  /** The normalized address. */
  url: string;
  title: string;
  tags: Tags;
  /** When it was bookmarked (an imported file's `ADD_DATE`). */
  addedAt: string;
  createdAt: string;
  updatedAt: string;
  links: SelfLink;
}

export interface BookmarkList {
  items: Bookmark[];
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/** One of the caller's bookmarks. */
export interface BookmarkIdInput {
  /** The bookmark's id, as bookmarks.create or bookmarks.list returned it. */
  bookmarkId: string;
}

/** The result of the tRPC procedures `bookmarks.get`, `bookmarks.create` and `bookmarks.update`: the bookmark, and the `ETag` the REST routes send with it, which `bookmarks.update` and `bookmarks.delete` take as `ifMatch`. */
export interface VersionedBookmark {
  /** The strong entity tag of this version, quotes included, as the `ETag` header carries it. */
  etag: string;
  bookmark: Bookmark;
}

/** A bookmark: its address, a title and tags. */
export interface BookmarkRequest {
  /** An http or https address; normalized, and one bookmark per normalized address. */
  url: string;
  title?: string;
  tags?: string[];
}

/** Replaces the title and tags of one of the caller's bookmarks, only while it is the version read: PUT /v1/bookmarks/{bookmarkId} with If-Match. */
export interface BookmarkUpdateInput {
  /** The bookmark's id. */
  bookmarkId: string;
  /** The etag of the version read (as bookmarks.get, bookmarks.create or bookmarks.update returned it, the REST API's ETag): a newer version is not replaced, the call fails with PRECONDITION_FAILED. */
  ifMatch: string;
  bookmark: BookmarkRequest;
}

/** Deletes one of the caller's bookmarks: DELETE /v1/bookmarks/{bookmarkId}, with If-Match when ifMatch is given. */
export interface BookmarkDeleteInput {
  /** The bookmark's id. */
  bookmarkId: string;
  /** The etag of the version read: when given, a newer version is not deleted, the call fails with PRECONDITION_FAILED. */
  ifMatch?: string;
}

/** A browser's bookmark file to import: the body of POST /v1/bookmarks/import. */
export interface BookmarksImportInput {
  /** The file's text as the browser exported it (Netscape bookmark file HTML), at most 5 MiB of UTF-8. */
  html: string;
}

export interface BookmarkImportReport {
  /** Links in the file. */
  received: number;
  imported: number;
  /** Links whose address was bookmarked already, or earlier in the file. */
  duplicates: number;
  invalid: number;
  /** Invalid links by reason (`not-http`, `no-host`, `bad-host`, `bad-port`, `credentials`, `too-long`, `empty`). */
  invalidByReason: {
    [name: string]: number;
  };
  invalidSamples: {
    line: number;
    url: string;
    reason: string;
  }[];
}

export interface SignedDownload {
  /** A CloudFront signed URL (canned policy) on the download distribution. */
  url: string;
  expiresAt: string;
}

export interface File {
  fileId: string;
  /** The name as given; the download offers it. */
  name: string;
  contentType: string;
  /** The stored size once `AVAILABLE`, the announced size before. */
  sizeBytes: number;
  state: "PENDING" | "AVAILABLE";
  createdAt: string;
  updatedAt: string;
  uploadedAt?: string;
  download?: SignedDownload;
  links: SelfLink;
}

export interface FileList {
  items: File[];
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/** One of the caller's files. */
export interface FileIdInput {
  /** The file's id, as files.create or files.list returned it. */
  fileId: string;
}

/** Registers one file of the library and asks for a place to upload it. */
export interface CreateFileRequest {
  /** The file's name; sanitized before it becomes the last segment of its key. */
  name: string;
  /** A media type (type/subtype, no parameters); downloads are served with it, as attachments. */
  contentType: string;
  /** Exact size of the file; at most the configured limit, and within the account's quotas. */
  sizeBytes: number;
}

export interface CreatedFile {
  file: File;
  upload: PresignedPut;
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
      list: TRPCQueryProcedure<{ input: PageInput | undefined; output: JobList; meta: object }>;
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
      get: TRPCQueryProcedure<{ input: void; output: VersionedProfile; meta: object }>;
      update: TRPCMutationProcedure<{ input: ProfileUpdateInput; output: VersionedProfile; meta: object }>;
      deleteData: TRPCMutationProcedure<{ input: void; output: DeletionReport; meta: object }>;
    };
    notes: {
      list: TRPCQueryProcedure<{ input: TaggedPageInput | undefined; output: NoteList; meta: object }>;
      get: TRPCQueryProcedure<{ input: NoteIdInput; output: VersionedNote; meta: object }>;
      create: TRPCMutationProcedure<{ input: NoteRequest; output: VersionedNote; meta: object }>;
      update: TRPCMutationProcedure<{ input: NoteUpdateInput; output: VersionedNote; meta: object }>;
      delete: TRPCMutationProcedure<{ input: NoteDeleteInput; output: void; meta: object }>;
    };
    bookmarks: {
      list: TRPCQueryProcedure<{ input: TaggedPageInput | undefined; output: BookmarkList; meta: object }>;
      get: TRPCQueryProcedure<{ input: BookmarkIdInput; output: VersionedBookmark; meta: object }>;
      create: TRPCMutationProcedure<{ input: BookmarkRequest; output: VersionedBookmark; meta: object }>;
      update: TRPCMutationProcedure<{ input: BookmarkUpdateInput; output: VersionedBookmark; meta: object }>;
      delete: TRPCMutationProcedure<{ input: BookmarkDeleteInput; output: void; meta: object }>;
      import: TRPCMutationProcedure<{ input: BookmarksImportInput; output: BookmarkImportReport; meta: object }>;
    };
    files: {
      list: TRPCQueryProcedure<{ input: PageInput | undefined; output: FileList; meta: object }>;
      get: TRPCQueryProcedure<{ input: FileIdInput; output: File; meta: object }>;
      create: TRPCMutationProcedure<{ input: CreateFileRequest; output: CreatedFile; meta: object }>;
      delete: TRPCMutationProcedure<{ input: FileIdInput; output: void; meta: object }>;
    };
  }
>;
