package dev.persona.infra.config;

/** The stage configuration in the CDK context is missing or invalid; the message says what to fix. */
public final class InvalidStageConfigException extends RuntimeException {

    public InvalidStageConfigException(String message) {
        super(message);
    }
}
