package dev.persona.pipeline.errors;

/**
 * The archive holds other archives but no activity data of its own: archives inside archives are
 * not opened. Not retried.
 */
public final class NestedArchive extends PipelineException {

    public NestedArchive(String userMessage) {
        super(userMessage);
    }
}
