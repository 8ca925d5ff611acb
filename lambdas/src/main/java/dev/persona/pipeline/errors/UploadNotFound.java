package dev.persona.pipeline.errors;

/** The uploaded file could not be found. The message says what exactly, for the user. Not retried. */
public final class UploadNotFound extends PipelineException {

    public UploadNotFound(String userMessage) {
        super(userMessage);
    }

    public UploadNotFound(String userMessage, Throwable cause) {
        super(userMessage, cause);
    }
}
