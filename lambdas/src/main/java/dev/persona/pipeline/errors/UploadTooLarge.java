package dev.persona.pipeline.errors;

/** The file is larger than the size limit. The message says what exactly, for the user. Not retried. */
public final class UploadTooLarge extends PipelineException {

    public UploadTooLarge(String userMessage) {
        super(userMessage);
    }

    public UploadTooLarge(String userMessage, Throwable cause) {
        super(userMessage, cause);
    }
}
