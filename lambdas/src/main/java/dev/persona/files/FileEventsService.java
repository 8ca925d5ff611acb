package dev.persona.files;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.FileEvents;
import dev.persona.contracts.StorageLayout;
import dev.persona.logging.StructuredLogger;

/**
 * Keeps a file's metadata current from its object's S3 "Object Created" event: the stored size, ETag and version,
 * and state {@code AVAILABLE}. An object that belongs to no file (the file was deleted before its upload URL expired,
 * or was never registered) is removed, so nothing is kept that the usage does not count.
 */
public final class FileEventsService {

    /** S3's sequencers are hexadecimal of varying length; padded, they compare as strings. */
    static final int SEQUENCER_WIDTH = 32;
    private static final StructuredLogger LOG = StructuredLogger.of(FileEventsService.class);

    private final FileMetadata metadata;
    private final StoredObjects objects;
    private final String bucket;

    public FileEventsService(FileMetadata metadata, StoredObjects objects, String bucket) {
        this.metadata = metadata;
        this.objects = objects;
        this.bucket = bucket;
    }

    /** What an event led to. */
    public enum Outcome { RECORDED, ORPHAN_REMOVED, IGNORED }

    public Outcome handle(JsonNode event) {
        JsonNode detail = event.path("detail");
        if (!FileEvents.DETAIL_TYPE.equals(event.path("detail-type").asText())
                || !bucket.equals(detail.at("/bucket/name").asText())) {
            LOG.warn("not an Object Created event of the bucket: ignored", "detailType",
                    event.path("detail-type").asText());
            return Outcome.IGNORED;
        }
        JsonNode object = detail.path("object");
        // Keys in S3 events are URL-encoded, with + for a space.
        String key = URLDecoder.decode(object.path("key").asText(), StandardCharsets.UTF_8);
        Optional<StorageLayout.FileKey> fileKey = StorageLayout.parseFileKey(key);
        if (fileKey.isEmpty()) {
            LOG.warn("an object that is no library file: ignored", "keyLength", key.length());
            return Outcome.IGNORED;
        }
        String versionId = object.hasNonNull("version-id") ? object.get("version-id").asText() : null;
        FileMetadata.StoredObject stored = new FileMetadata.StoredObject(fileKey.get().userId(), fileKey.get().fileId(),
                key, object.path("size").asLong(), object.path("etag").asText(null), versionId,
                pad(object.path("sequencer").asText("0")), event.path("time").asText(null));
        if (metadata.recordStored(stored)) {
            return Outcome.RECORDED;
        }
        if (versionId != null) {
            objects.removeVersion(key, versionId);
        } else {
            objects.removeAllVersions(key);
        }
        LOG.info("object of no file removed", "fileId", stored.fileId());
        return Outcome.ORPHAN_REMOVED;
    }

    static String pad(String sequencer) {
        String hex = sequencer.toUpperCase(java.util.Locale.ROOT);
        return hex.length() >= SEQUENCER_WIDTH ? hex : "0".repeat(SEQUENCER_WIDTH - hex.length()) + hex;
    }
}
