import type { Api } from '../api/client';
import type { AppConfig } from '../config';
import { browserTimeZone, checkFile, contentTypeFor, metadataText } from './checks';
import { MultipartUpload, objectUrl } from './multipart';
import { uploadWithPost } from './presignedPost';
import { ProgressMeter, type ProgressSnapshot } from './progress';
import { type Transport, xhrTransport } from './transfer';

/** The file was refused before anything was sent: its words say why. */
export class FileRefused extends Error {}

export type UploadMethod = 'single request' | 'multipart';

/** What the person chose besides the file. */
export interface UploadChoices {
  /** For a Netflix export: the one profile whose viewing to keep. */
  viewingProfile?: string;
}

export interface UploadUpdate {
  phase: 'registering' | 'uploading';
  method?: UploadMethod;
  progress: ProgressSnapshot;
}

/**
 * Uploads one file: checked first (empty, too large), registered with POST /v1/uploads (which answers with the
 * job id and the presigned POST), then sent straight to S3, in one presigned POST up to the single-request limit
 * and in parts signed with the vended credentials above it (which set the metadata the presigned POST carries).
 * Returns the job id.
 */
export async function uploadFile(file: File, api: Api, config: AppConfig, onUpdate: (update: UploadUpdate) => void,
  signal: AbortSignal, transport: Transport = xhrTransport, choices: UploadChoices = {}): Promise<string> {
  const refusal = checkFile(file, config.maxUploadBytes);
  if (refusal) {
    throw new FileRefused(refusal);
  }
  const meter = new ProgressMeter(file.size);
  onUpdate({ phase: 'registering', progress: meter.snapshot() });
  const contentType = contentTypeFor(file.name);
  const timezone = browserTimeZone();
  const viewingProfile = choices.viewingProfile?.trim() || undefined;
  const created = await api.createUpload({ filename: file.name, contentType, sizeBytes: file.size, timezone,
    ...(viewingProfile ? { viewingProfile } : {}) }, signal);
  const method: UploadMethod = file.size > config.multipartThresholdBytes ? 'multipart' : 'single request';
  const report = (loaded: number): void => onUpdate({ phase: 'uploading', method, progress: meter.update(loaded) });
  report(0);
  if (method === 'single request') {
    await uploadWithPost(created.post, file, transport, report, signal);
  } else {
    await new MultipartUpload({
      objectUrl: objectUrl(created.post.url, created.key),
      file,
      contentType,
      metadata: { timezone, ...(viewingProfile ? { 'viewing-profile': metadataText(viewingProfile) } : {}) },
      partBytes: config.multipartPartBytes,
      region: config.region,
      credentials: async () => {
        const vended = await api.credentials(signal);
        return { accessKeyId: vended.accessKeyId, secretAccessKey: vended.secretAccessKey, sessionToken: vended.sessionToken };
      },
      transport,
      onProgress: report,
      signal,
    }).run();
  }
  return created.jobId;
}
