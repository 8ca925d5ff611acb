package dev.persona.pipeline.errors;

/** The file's content is not a supported activity format. The message says what exactly, for the user. Not retried. */
public final class UnsupportedFormat extends PipelineException {

    public UnsupportedFormat(String userMessage) {
        super(userMessage);
    }

    public UnsupportedFormat(String userMessage, Throwable cause) {
        super(userMessage, cause);
    }
}
