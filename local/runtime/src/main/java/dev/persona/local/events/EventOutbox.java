package dev.persona.local.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The events not yet delivered, written down before anyone is told an upload succeeded.
 *
 * <p>With a directory, every change is a line appended to {@value #JOURNAL} and forced to disk before it
 * counts: an event when it is recorded, then its delivery or its dead-lettering. Opening the directory
 * again replays the journal, so what was recorded and never settled is delivered after a restart, and
 * what was delivered is not delivered again. A last line cut short by a crash is dropped: its change had
 * not counted. Dead letters are also appended, with the whole event and the reason, to
 * {@value #DEAD_LETTERS}, for people to read. Without a directory the same happens in memory.
 *
 * <p>Each object version is recorded once: a versioned write by bucket, key and version id, an
 * unversioned one by bucket, key, ETag and sequencer (two writes of the same bytes are two events, as
 * on S3).
 */
final class EventOutbox {

    static final String JOURNAL = "upload-events.jsonl";
    static final String DEAD_LETTERS = "upload-events-dead-letters.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An event waiting for delivery. */
    record Pending(String id, String eventJson, Instant createdAt) {
    }

    private final Path directory;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Set<String> recordedVersions = new HashSet<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private long lastSequencer;

    private EventOutbox(Path directory) {
        this.directory = directory;
    }

    static EventOutbox inMemory() {
        return new EventOutbox(null);
    }

    /** The outbox kept in {@code directory}, with what its journal says is still pending. */
    static EventOutbox open(Path directory) {
        EventOutbox outbox = new EventOutbox(directory);
        try {
            Files.createDirectories(directory);
            outbox.replay(directory.resolve(JOURNAL));
        } catch (IOException e) {
            throw new UncheckedIOException("upload event journal in " + directory + " could not be read", e);
        }
        return outbox;
    }

    /**
     * The next sequencer: above every earlier one, and near the time in microseconds so that sequencers
     * keep growing across restarts without a journal too.
     */
    synchronized long nextSequencer(Instant now) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        lastSequencer = Math.max(lastSequencer + 1, micros);
        return lastSequencer;
    }

    /**
     * Records an event unless its object version has one already.
     *
     * @return true when recorded, false for a duplicate
     */
    synchronized boolean record(String objectVersion, String id, String eventJson, Instant createdAt, long sequencer) {
        if (recordedVersions.contains(objectVersion)) {
            return false;
        }
        ObjectNode line = JSON.createObjectNode()
                .put("recorded", id)
                .put("objectVersion", objectVersion)
                .put("sequencer", sequencer)
                .put("createdAt", createdAt.toString());
        line.set("event", parse(eventJson));
        append(JOURNAL, line);
        recordedVersions.add(objectVersion);
        pending.put(id, new Pending(id, eventJson, createdAt));
        notifyAll();
        return true;
    }

    synchronized boolean isPending(String id) {
        return pending.containsKey(id);
    }

    synchronized void delivered(String id, int attempts, Instant at) {
        if (!pending.containsKey(id)) {
            return;
        }
        append(JOURNAL, JSON.createObjectNode().put("delivered", id).put("attempts", attempts)
                .put("at", at.toString()));
        pending.remove(id);
        notifyAll();
    }

    synchronized void deadLettered(DeadLetter letter) {
        if (!pending.containsKey(letter.eventId())) {
            return;
        }
        append(JOURNAL, JSON.createObjectNode().put("deadLettered", letter.eventId())
                .put("attempts", letter.attempts()).put("at", letter.deadLetteredAt().toString())
                .put("reason", letter.reason()));
        ObjectNode readable = JSON.createObjectNode().put("id", letter.eventId()).put("reason", letter.reason())
                .put("attempts", letter.attempts()).put("deadLetteredAt", letter.deadLetteredAt().toString());
        readable.set("event", parse(letter.eventJson()));
        append(DEAD_LETTERS, readable);
        pending.remove(letter.eventId());
        deadLetters.add(letter);
        notifyAll();
    }

    synchronized List<Pending> pending() {
        return List.copyOf(pending.values());
    }

    synchronized List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /** Waits until nothing is pending; false when {@code timeout} passed first. */
    synchronized boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    private void replay(Path journal) throws IOException {
        if (!Files.exists(journal)) {
            return;
        }
        byte[] bytes = Files.readAllBytes(journal);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            // A line cut short by a crash: its change never counted, and new lines must not continue it.
            try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE)) {
                channel.truncate(end);
                channel.force(true);
            }
        }
        Map<String, JsonNode> events = new HashMap<>();
        for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry = JSON.readTree(line);
            if (entry.has("recorded")) {
                String id = entry.get("recorded").asText();
                events.put(id, entry);
                recordedVersions.add(entry.get("objectVersion").asText());
                lastSequencer = Math.max(lastSequencer, entry.get("sequencer").asLong());
                pending.put(id, new Pending(id, entry.get("event").toString(),
                        Instant.parse(entry.get("createdAt").asText())));
            } else if (entry.has("delivered")) {
                pending.remove(entry.get("delivered").asText());
            } else if (entry.has("deadLettered")) {
                String id = entry.get("deadLettered").asText();
                pending.remove(id);
                JsonNode recorded = events.get(id);
                deadLetters.add(new DeadLetter(id, recorded == null ? null : recorded.get("event").toString(),
                        entry.get("reason").asText(), entry.get("attempts").asInt(),
                        Instant.parse(entry.get("at").asText())));
            } else {
                throw new IllegalStateException("not an upload event journal line in " + journal + ": " + line);
            }
        }
    }

    private void append(String file, JsonNode line) {
        if (directory == null) {
            return;
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(directory.resolve(file), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to " + directory.resolve(file), e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }
}
