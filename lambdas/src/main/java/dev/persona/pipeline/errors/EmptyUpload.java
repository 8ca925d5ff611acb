package dev.persona.pipeline.errors;

/** The file contains no activity records. The message says what exactly, for the user. Not retried. */
public final class EmptyUpload extends PipelineException {

    public EmptyUpload(String userMessage) {
        super(userMessage);
    }

    public EmptyUpload(String userMessage, Throwable cause) {
        super(userMessage, cause);
    }
}
