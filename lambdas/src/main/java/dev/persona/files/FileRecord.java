package dev.persona.files;

/**
 * A file of the library as its item holds it.
 *
 * @param name              the name the person gave it, as they gave it (shown, and offered when downloading)
 * @param declaredSizeBytes what the registration announced
 * @param sizeBytes         the stored object's size once it arrived; null before
 * @param state             {@code PENDING} until its object arrives, then {@code AVAILABLE}
 */
public record FileRecord(String fileId, String name, String contentType, long declaredSizeBytes, Long sizeBytes,
        String etag, String state, String objectKey, String createdAt, String updatedAt, String uploadedAt) {

    /** What the file weighs in its owner's usage: its stored size once known, its announced size before. */
    public long countedBytes() {
        return sizeBytes != null ? sizeBytes : declaredSizeBytes;
    }
}
