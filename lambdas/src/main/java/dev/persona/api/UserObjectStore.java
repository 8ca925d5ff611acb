package dev.persona.api;

import java.util.Optional;

/** The uploads bucket, as the API uses it: read one document, remove everything under a prefix. */
public interface UserObjectStore {

    /** The object's content as UTF-8 text, or empty when there is no such object. */
    Optional<String> readText(String key);

    /** Deletes every object under {@code prefix}; returns how many there were. */
    long deleteAll(String prefix);

    /** Aborts every unfinished multipart upload under {@code prefix}; returns how many there were. */
    int abortMultipartUploads(String prefix);
}
