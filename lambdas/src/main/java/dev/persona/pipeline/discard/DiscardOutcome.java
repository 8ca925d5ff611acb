package dev.persona.pipeline.discard;

/** What the clean-up step found, and so did; the state machine chooses its end state by it. */
public enum DiscardOutcome {
    /** The event repeats the one that claimed the job, for the same object version: nothing to remove. */
    DUPLICATE,
    /** The upload is not the job's (another file, or a further version of it): that version was deleted. */
    DISCARDED,
    /** No job has this id (never registered, or deleted by its owner): everything stored under it was deleted. */
    NO_JOB,
    /** The job exists and belongs to another run, or finished: nothing was removed. */
    OWNED
}
