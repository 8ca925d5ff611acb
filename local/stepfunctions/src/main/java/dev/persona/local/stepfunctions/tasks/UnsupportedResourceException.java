package dev.persona.local.stepfunctions.tasks;

/** A Task resource the local Step Functions cannot run. */
public final class UnsupportedResourceException extends RuntimeException {

    public UnsupportedResourceException(String message) {
        super(message);
    }
}
