package dev.persona.pipeline.errors;

/** The archive, or an entry of it, is encrypted. Not retried. */
public final class EncryptedArchive extends PipelineException {

    public EncryptedArchive(String userMessage) {
        super(userMessage);
    }
}
