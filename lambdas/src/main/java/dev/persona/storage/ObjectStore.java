package dev.persona.storage;

import java.io.InputStream;

/**
 * Object storage as the pipeline uses it: stream reads, streamed writes that appear all at once or not
 * at all, small documents. Implemented over S3 by {@code dev.persona.aws.S3ObjectStore}.
 *
 * <p>Every method may throw {@link ObjectNotFoundException} (no such object), {@link ObjectChangedException}
 * (the object is not the expected version) or {@link StorageUnavailableException} (a failure that may pass).
 */
public interface ObjectStore {

    /**
     * Opens an object for streaming. With a {@code version}, reads exactly that version (by version id when
     * present, else only if the ETag still matches).
     */
    StoredObject open(String bucket, String key, ObjectVersion version);

    /**
     * Opens {@code length} bytes from {@code offset} of one version of an object (a ranged GET): a zip archive's
     * central directory and entries are read this way, without downloading what is not needed. The range must
     * lie within the object.
     */
    InputStream openRange(String bucket, String key, ObjectVersion version, long offset, long length);

    /** Opens the current version of an object. */
    default InputStream read(String bucket, String key) {
        return open(bucket, key, ObjectVersion.LATEST).content();
    }

    /**
     * Starts writing an object of unknown length. Nothing is visible until {@link ObjectWriter#commit()};
     * closing an uncommitted writer discards what was written.
     */
    ObjectWriter create(String bucket, String key, String contentType);

    /** Writes a small object in one request. */
    void put(String bucket, String key, byte[] content, String contentType);

    /** Deletes an object; deleting a missing object is not an error. */
    void delete(String bucket, String key);
}
