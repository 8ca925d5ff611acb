package dev.persona.files;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.FileAttributes;
import dev.persona.logging.StructuredLogger;

/**
 * The consumer of the files table's stream. For each record, in stream order: the change it makes to its owner's
 * usage (a registration adds a file, its size and an upload of its month; a stored object corrects the size; a
 * deletion, by the API, by delete-my-data or by the TTL of an abandoned registration, takes the file away), applied
 * exactly once whatever the redeliveries; and for a deletion, every version of the file's object removed.
 *
 * <p>Records are processed in order and processing stops at the first that fails: its sequence number is reported
 * as the batch's item failure, so the event source mapping retries from it (partial batch response) and nothing
 * after it is applied out of order.
 */
public final class FileStreamService {

    /** Markers of applied records outlive the stream's 24 hours of retention. */
    static final Duration MARKER_RETENTION = Duration.ofDays(2);
    private static final StructuredLogger LOG = StructuredLogger.of(FileStreamService.class);

    private final UsageRepository usage;
    private final StoredObjects objects;
    private final Clock clock;

    public FileStreamService(UsageRepository usage, StoredObjects objects, Clock clock) {
        this.usage = usage;
        this.objects = objects;
        this.clock = clock;
    }

    /** The records of one invocation; returns the sequence numbers to report as failed (at most one). */
    public List<String> process(JsonNode records) {
        List<String> failed = new ArrayList<>();
        for (JsonNode record : records) {
            String sequenceNumber = record.at("/dynamodb/SequenceNumber").asText();
            try {
                apply(record);
            } catch (RuntimeException e) {
                LOG.error("stream record failed: retried from here", e, "eventId", record.path("eventID").asText());
                failed.add(sequenceNumber);
                break;
            }
        }
        return failed;
    }

    private void apply(JsonNode record) {
        String eventId = record.path("eventID").asText();
        String eventName = record.path("eventName").asText();
        StreamImages.Image oldImage = StreamImages.of(record.at("/dynamodb/OldImage"));
        StreamImages.Image newImage = StreamImages.of(record.at("/dynamodb/NewImage"));
        long expires = clock.instant().plus(MARKER_RETENTION).getEpochSecond();
        switch (eventName) {
            case "INSERT" -> usage.apply(newImage.userId(), eventId, 1, bytes(newImage),
                    Optional.of(month(newImage.text(FileAttributes.CREATED_AT))), expires);
            case "MODIFY" -> {
                long delta = bytes(newImage) - bytes(oldImage);
                if (delta != 0) {
                    usage.apply(newImage.userId(), eventId, 0, delta, Optional.empty(), expires);
                }
            }
            case "REMOVE" -> {
                usage.apply(oldImage.userId(), eventId, -1, -bytes(oldImage), Optional.empty(), expires);
                String key = oldImage.text(FileAttributes.OBJECT_KEY);
                if (key != null) {
                    int removed = objects.removeAllVersions(key);
                    LOG.info("deleted file's object removed", "fileId", oldImage.text(FileAttributes.FILE_ID),
                            "versions", removed);
                }
            }
            default -> throw new IllegalArgumentException("not a stream event: " + eventName);
        }
    }

    private static long bytes(StreamImages.Image image) {
        Long size = image.number(FileAttributes.SIZE_BYTES);
        if (size != null) {
            return size;
        }
        Long declared = image.number(FileAttributes.DECLARED_SIZE_BYTES);
        return declared == null ? 0 : declared;
    }

    private static YearMonth month(String createdAt) {
        return YearMonth.from(Instant.parse(createdAt).atOffset(ZoneOffset.UTC));
    }
}
