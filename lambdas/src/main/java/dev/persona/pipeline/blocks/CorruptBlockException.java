package dev.persona.pipeline.blocks;

/**
 * An intermediate file that is not what the pipeline writes: damaged, truncated, or of a version this code does not
 * read. Never the user's fault, so the step fails as an internal error.
 */
public final class CorruptBlockException extends RuntimeException {

    public CorruptBlockException(String message) {
        super("intermediate file: " + message);
    }

    public CorruptBlockException(String message, Throwable cause) {
        super("intermediate file: " + message, cause);
    }
}
