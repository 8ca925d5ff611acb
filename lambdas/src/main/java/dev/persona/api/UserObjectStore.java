package dev.persona.api;

import java.util.Optional;

/** The uploads bucket, as the API and the clean-up step use it: read one document, remove versions and prefixes. */
public interface UserObjectStore {

    /** The object's content as UTF-8 text, or empty when there is no such object. */
    Optional<String> readText(String key);

    /**
     * Deletes one version of an object for good; deleting a version that no longer exists succeeds, as in S3.
     *
     * @param versionId the version, or null in a bucket that does not version
     */
    void deleteVersion(String key, String versionId);

    /** Deletes every object under {@code prefix}; returns how many there were. */
    long deleteAll(String prefix);

    /** Aborts every unfinished multipart upload under {@code prefix}; returns how many there were. */
    int abortMultipartUploads(String prefix);
}
