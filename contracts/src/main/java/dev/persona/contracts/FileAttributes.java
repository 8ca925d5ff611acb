package dev.persona.contracts;

/**
 * Attribute names of the files table ({@link Tables#FILES}). The API writes an item {@code PENDING} when it hands out
 * the upload; the object's S3 event makes it {@code AVAILABLE} with the stored size and ETag; the stream of the table
 * keeps each user's usage and removes the objects of deleted items.
 */
public final class FileAttributes {

    public static final String USER_ID = "userId";
    public static final String FILE_ID = "fileId";
    /** The sanitized file name, the last segment of the key. */
    public static final String NAME = "name";
    public static final String CONTENT_TYPE = "contentType";
    /** The size announced when the upload was registered: what the usage counts until the object arrives. */
    public static final String DECLARED_SIZE_BYTES = "declaredSizeBytes";
    /** The stored object's size, from its event. */
    public static final String SIZE_BYTES = "sizeBytes";
    public static final String ETAG = "etag";
    public static final String VERSION_ID = "versionId";
    /** {@code PENDING} or {@code AVAILABLE}. */
    public static final String STATE = "state";
    public static final String OBJECT_KEY = "objectKey";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String UPLOADED_AT = "uploadedAt";
    /** TTL (epoch seconds) of a registration whose upload never arrived; removed when it does. */
    public static final String EXPIRES_AT = "expiresAt";

    public static final String PENDING = "PENDING";
    public static final String AVAILABLE = "AVAILABLE";

    private FileAttributes() {
    }
}
