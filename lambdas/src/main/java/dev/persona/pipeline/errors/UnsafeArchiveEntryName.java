package dev.persona.pipeline.errors;

/**
 * An archive entry's name could point outside the archive ({@code ..}, an absolute path, a drive
 * letter), so the archive is refused. Not retried.
 */
public final class UnsafeArchiveEntryName extends PipelineException {

    public UnsafeArchiveEntryName(String userMessage) {
        super(userMessage);
    }
}
