package dev.persona.contracts;

import java.util.Set;

/**
 * The codes a failed job ends with, as the state machine records them: the named input errors the user caused, and
 * the codes of failures on our side. The state machine's catchers and the pipeline's exceptions are checked against
 * this list by tests, so a new error cannot land on the wrong side of the paging line unnoticed.
 */
public final class PipelineErrorCodes {

    /** The upload was refused for what it holds or how it was sent: the system worked as designed. */
    public static final Set<String> USER_ERRORS = Set.of("UnsupportedFormat", "UnsupportedEncoding", "EmptyUpload",
            "UploadTooLarge", "TooManyInvalidRecords", "UploadNotFound", "MalformedUpload", "InvalidUploadKey",
            "CompressionRatioTooHigh", "TooManyArchiveEntries", "ArchiveEntryNameTooLong", "UnsafeArchiveEntryName",
            "EncryptedArchive", "UnsupportedArchive", "NestedArchive", "UnsupportedLanguage");

    /** What the user sees for any failure on our side; the execution's history keeps the real error. */
    public static final String INTERNAL_ERROR = "InternalError";

    /** Another execution owns the job (a late or duplicate event): this one ends, by design, without touching it. */
    public static final String JOB_NOT_OWNED = "JobNotOwned";

    private PipelineErrorCodes() {
    }
}
