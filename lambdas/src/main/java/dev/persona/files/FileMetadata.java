package dev.persona.files;

/** What the file-events function writes of a stored object into its file's item. */
public interface FileMetadata {

    /**
     * Records the object stored for the file: its size, ETag and version, state {@code AVAILABLE}, no expiry; only
     * when the file exists with this object key and no later write of the key was recorded ({@code sequencer}).
     *
     * @return false when there is no such file for this key (the object outlived its registration)
     */
    boolean recordStored(StoredObject object);

    /**
     * One object write as its S3 event reports it.
     *
     * @param sequencer S3's sequencer of the write, padded to a fixed width so that later writes compare larger
     */
    record StoredObject(String userId, String fileId, String key, long size, String etag, String versionId,
            String sequencer, String storedAt) {
    }
}
