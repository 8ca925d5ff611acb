package dev.persona.pipeline.errors;

/** The file was not uploaded to a valid upload location. The message says what exactly, for the user. Not retried. */
public final class InvalidUploadKey extends PipelineException {

    public InvalidUploadKey(String userMessage) {
        super(userMessage);
    }

    public InvalidUploadKey(String userMessage, Throwable cause) {
        super(userMessage, cause);
    }
}
