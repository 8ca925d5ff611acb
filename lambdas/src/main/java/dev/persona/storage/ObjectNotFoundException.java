package dev.persona.storage;

/** No object exists at the key (or the requested version). */
public final class ObjectNotFoundException extends RuntimeException {

    public ObjectNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
