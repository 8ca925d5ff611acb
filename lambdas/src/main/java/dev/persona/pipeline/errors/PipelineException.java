package dev.persona.pipeline.errors;

/**
 * A failure of a pipeline step that the state machine handles by name. Lambda's Java runtime reports a
 * function error under the exception's fully qualified class name, which is what the definition's
 * {@code ErrorEquals} lists; the job records the simple name as its code. The message is shown to the
 * user as is, so it never holds internal detail.
 */
public abstract class PipelineException extends RuntimeException {

    protected PipelineException(String userMessage) {
        super(userMessage);
    }

    protected PipelineException(String userMessage, Throwable cause) {
        super(userMessage, cause);
    }

    /** The code stored on the job and shown to users: the simple class name. */
    public String code() {
        return getClass().getSimpleName();
    }
}
