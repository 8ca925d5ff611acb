package dev.persona.pipeline.discard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.persona.api.UserObjectStore;
import dev.persona.contracts.StorageLayout;
import dev.persona.logging.StructuredLogger;
import dev.persona.pipeline.StepInputs;
import dev.persona.pipeline.StepRequests.DiscardRequest;
import dev.persona.pipeline.StepRequests.DiscardResult;
import dev.persona.pipeline.StepRequests.UploadedObject;

/**
 * The pipeline's clean-up step. Data its owner asked to delete must never come back, and nothing may stay behind
 * that no job accounts for, whatever order a deletion and a run's writes come in. The state machine asks it twice:
 * <ul>
 *   <li>when an upload's event cannot claim its job: the job is already claimed (a repeated event, or a further
 *   version the same presigned PUT stored), awaits another file, or does not exist (never registered, or deleted
 *   before the upload arrived). Only the claimed version itself is kept;</li>
 *   <li>when a run finds its job gone while it works (a status write or the persona's summary is refused): the
 *   owner deleted it, and whatever the run wrote after the deletion is removed.</li>
 * </ul>
 * A job that no longer exists loses every version stored under its id in each area, its unfinished uploads and
 * its persona summary. Deleting is idempotent, so a retried or repeated clean-up changes nothing more.
 */
public final class DiscardService {

    private static final StructuredLogger LOG = StructuredLogger.of(DiscardService.class);

    private final JobClaims jobs;
    private final UserObjectStore objects;
    private final PersonaSummaryRemover summaries;
    private final String bucket;

    public DiscardService(JobClaims jobs, UserObjectStore objects, PersonaSummaryRemover summaries, String bucket) {
        this.jobs = jobs;
        this.objects = objects;
        this.summaries = summaries;
        this.bucket = bucket;
    }

    public DiscardResult discard(DiscardRequest request) {
        StepInputs.requireBucket(bucket, request.bucket());
        // The ids come from the event's key, which S3 writes URL-encoded ("my file" as "my+file"). Ids the API
        // hands out never change by encoding; any other key is decoded to find the object it names.
        String userId = decoded(request.userId());
        String jobId = decoded(request.jobId());
        Optional<JobClaim> job = jobs.find(userId, jobId);
        UploadedObject upload = request.object();
        if (upload == null) {
            if (job.isPresent()) {
                return new DiscardResult(DiscardOutcome.OWNED.name(), 0);
            }
            return new DiscardResult(DiscardOutcome.NO_JOB.name(), removeJob(userId, jobId));
        }
        String key = decoded(upload.key());
        requireUploadOf(userId, jobId, key);
        if (job.isPresent() && job.get().claimed(key, upload.versionId())) {
            return new DiscardResult(DiscardOutcome.DUPLICATE.name(), 0);
        }
        objects.deleteVersion(key, upload.versionId());
        LOG.info("upload no job claims deleted", "key", key, "versionId", upload.versionId());
        if (job.isPresent()) {
            return new DiscardResult(DiscardOutcome.DISCARDED.name(), 1);
        }
        return new DiscardResult(DiscardOutcome.NO_JOB.name(), 1 + removeJob(userId, jobId));
    }

    /** S3 event notifications URL-encode object keys (form encoding: a space is "+"). */
    private static String decoded(String eventText) {
        return URLDecoder.decode(eventText, StandardCharsets.UTF_8);
    }

    /**
     * Everything stored for a job that does not exist. An id that is not a valid one was never a job's, so
     * nothing can be stored under it but the upload itself.
     */
    private long removeJob(String userId, String jobId) {
        if (!StorageLayout.isValidId(userId) || !StorageLayout.isValidId(jobId)) {
            return 0;
        }
        long deleted = 0;
        for (String prefix : StorageLayout.jobPrefixes(userId, jobId)) {
            if (prefix.startsWith(StorageLayout.UPLOADS_PREFIX)) {
                objects.abortMultipartUploads(prefix);
            }
            deleted += objects.deleteAll(prefix);
        }
        summaries.remove(userId, jobId);
        LOG.info("data of a job that no longer exists deleted", "objects", deleted);
        return deleted;
    }

    /** The upload must be one of this job's: {@code uploads/{userId}/{jobId}} or below it. */
    private static void requireUploadOf(String userId, String jobId, String key) {
        String job = StorageLayout.UPLOADS_PREFIX + userId + "/" + jobId;
        if (!key.equals(job) && !key.startsWith(job + "/")) {
            throw new IllegalArgumentException("clean-up asked to delete " + key + " for job " + jobId);
        }
    }
}
