package dev.persona.pipeline.errors;

/** The file is not UTF-8 or UTF-16 text. The message says what exactly, for the user. Not retried. */
public final class UnsupportedEncoding extends PipelineException {

    public UnsupportedEncoding(String userMessage) {
        super(userMessage);
    }

    public UnsupportedEncoding(String userMessage, Throwable cause) {
        super(userMessage, cause);
    }
}
