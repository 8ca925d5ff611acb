package dev.persona.pipeline.errors;

/** An archive entry's name is longer than the limit. Not retried. */
public final class ArchiveEntryNameTooLong extends PipelineException {

    public ArchiveEntryNameTooLong(String userMessage) {
        super(userMessage);
    }
}
