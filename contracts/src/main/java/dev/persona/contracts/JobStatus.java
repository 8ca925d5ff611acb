package dev.persona.contracts;

/** Lifecycle of a job, as stored in {@link JobAttributes#STATUS}. */
public enum JobStatus {
    /** The API handed out an upload; no object has arrived yet. */
    AWAITING_UPLOAD,
    /** The object arrived and the pipeline registered the job. */
    QUEUED,
    /** A pipeline step is running; {@link JobAttributes#STEP} names it. */
    RUNNING,
    /** The persona is built. */
    SUCCEEDED,
    /** The pipeline stopped; {@link JobAttributes#ERROR_CODE} and {@link JobAttributes#ERROR_MESSAGE} say why. */
    FAILED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
