package dev.persona.storage;

/** A storage call failed in a way that may pass: throttling, a 5xx, a dropped connection. */
public final class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
