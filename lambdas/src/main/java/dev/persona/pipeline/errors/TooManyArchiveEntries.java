package dev.persona.pipeline.errors;

/** The archive holds more entries than the limit. Not retried. */
public final class TooManyArchiveEntries extends PipelineException {

    public TooManyArchiveEntries(String userMessage) {
        super(userMessage);
    }
}
