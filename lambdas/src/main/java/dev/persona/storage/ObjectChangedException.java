package dev.persona.storage;

/** The object exists but is not the version asked for: it was replaced. */
public final class ObjectChangedException extends RuntimeException {

    public ObjectChangedException(String message, Throwable cause) {
        super(message, cause);
    }
}
