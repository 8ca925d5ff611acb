package dev.persona.pipeline.errors;

/**
 * The archive is split into several files, or uses a compression method or an entry type that is
 * not read. Not retried.
 */
public final class UnsupportedArchive extends PipelineException {

    public UnsupportedArchive(String userMessage) {
        super(userMessage);
    }
}
