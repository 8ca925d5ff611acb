package dev.persona.pipeline.errors;

/** Too many records in the file are invalid. The message says what exactly, for the user. Not retried. */
public final class TooManyInvalidRecords extends PipelineException {

    public TooManyInvalidRecords(String userMessage) {
        super(userMessage);
    }

    public TooManyInvalidRecords(String userMessage, Throwable cause) {
        super(userMessage, cause);
    }
}
