/** The API's documents, as docs/openapi.yaml describes them. */

export type JobStatus = 'AWAITING_UPLOAD' | 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
export type PipelineStep = 'preprocess' | 'categorize' | 'build-persona';

export interface Job {
  jobId: string;
  status: JobStatus;
  step?: PipelineStep;
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
  error?: { code: string; message: string };
  persona?: { href: string; archetype?: string };
  links: { self: string };
}

export interface JobList {
  items: Job[];
  nextCursor?: string;
}

export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

export interface CreatedUpload {
  uploadId: string;
  jobId: string;
  key: string;
  put: { url: string; headers: Record<string, string>; expiresAt: string };
  post: PresignedPost;
}

export interface UploadCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
  bucket: string;
  region: string;
  prefix: string;
}

export interface DeletionReport {
  deleted: {
    objects: Record<string, number>;
    multipartUploads: number;
    jobRecords: number;
    personaRecords: number;
  };
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
}

export interface Counted {
  value: string;
  count: number;
}

export interface Interest {
  category: string;
  count: number;
  share: number;
  score: number;
  trend: 'rising' | 'steady' | 'falling';
  recentShare: number;
  topTerms: Counted[];
  topDomains: Counted[];
  examples: { time: string; kind?: string; text?: string; url?: string }[];
}

export interface Persona {
  schemaVersion: string;
  jobId: string;
  generatedAt: string;
  timezone: { id: string; source: string };
  archetype: { label: string; noun: string; modifier?: string };
  summary: string;
  interests: Interest[];
  rhythms: {
    hourOfDay: number[];
    dayOfWeek: number[];
    weekHour?: number[][];
    peakHour?: number;
    peakDay: string;
    chronotype: string;
    periodShares: { morning: number; daytime: number; evening: number; night: number };
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
  diversity: { entropy: number; normalizedEntropy: number; label: string; categoriesSeen: number };
  dataQuality: {
    recordsRead: number;
    recordsUsed: number;
    recordsRejected: number;
    duplicatesRemoved: number;
    rejectedByReason?: Record<string, number>;
    uncategorized: number;
    uncategorizedShare: number;
    dateOnlyRecords: number;
    firstActivityAt?: string;
    lastActivityAt?: string;
    detectedFormat: string;
  };
}

/** What the links of a personal record carry: its API path. */
export interface SelfLink {
  self: string;
}

export interface Profile {
  userId: string;
  displayName: string;
  /** IANA time zone: the pipeline's zone for uploads that declare none. */
  timezone: string;
  /** BCP 47 language tag. */
  locale: string;
  bookmarksInPersona: boolean;
  email?: string;
  createdAt: string;
  updatedAt: string;
}

export type ProfileChanges = Partial<Pick<Profile, 'displayName' | 'timezone' | 'locale' | 'bookmarksInPersona'>>;

export interface NoteInput {
  title: string;
  /** Markdown, as written. */
  body: string;
  tags: string[];
}

export interface NoteSummary {
  noteId: string;
  title: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  links: SelfLink;
}

export interface Note extends NoteSummary {
  body: string;
}

export interface BookmarkInput {
  url: string;
  title?: string;
  tags: string[];
}

export interface Bookmark {
  bookmarkId: string;
  /** The normalized address. */
  url: string;
  title: string;
  tags: string[];
  addedAt: string;
  createdAt: string;
  updatedAt: string;
  links: SelfLink;
}

export interface BookmarkImportReport {
  received: number;
  imported: number;
  duplicates: number;
  invalid: number;
  invalidByReason: Record<string, number>;
  invalidSamples: { line: number; url: string; reason: string }[];
}

export interface SignedDownload {
  url: string;
  expiresAt: string;
}

export type FileState = 'PENDING' | 'AVAILABLE';

/** A file of the library. */
export interface LibraryFile {
  fileId: string;
  name: string;
  contentType: string;
  /** The stored size once AVAILABLE, the announced size before. */
  sizeBytes: number;
  state: FileState;
  createdAt: string;
  updatedAt: string;
  uploadedAt?: string;
  /** Only on a single AVAILABLE file: a signed URL valid for a few minutes. */
  download?: SignedDownload;
  links: SelfLink;
}

export interface PresignedPut {
  url: string;
  /** Signed: the PUT must carry them exactly (the browser sets Content-Length itself). */
  headers: Record<string, string>;
  expiresAt: string;
}

export interface CreatedFile {
  file: LibraryFile;
  upload: PresignedPut;
}

/** One page of a listing, newest first; `nextCursor` asks for the next, absent on the last. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
