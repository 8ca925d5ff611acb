package dev.persona.pipeline.errors;

/** The file is damaged or incomplete. The message says what exactly, for the user. Not retried. */
public final class MalformedUpload extends PipelineException {

    public MalformedUpload(String userMessage) {
        super(userMessage);
    }

    public MalformedUpload(String userMessage, Throwable cause) {
        super(userMessage, cause);
    }
}
