package dev.persona.local.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a stack started by {@code persona-local up} keeps the EMF lines its functions print, and how
 * {@code persona-local metrics} finds them: {@code DIR/metrics/emf.jsonl} for {@code up --data-dir DIR}, added to
 * across restarts like the rest of the data; for a stack in memory, {@code metrics/emf-PID.jsonl} in the folder of
 * the endpoints file, whose earlier in-memory logs go once the new stack is up (their stacks' data is gone). The
 * endpoints file names the running stack's log; a note beside it, kept when the stack stops, names the last one.
 */
public final class MetricsLogs {

    static final String FOLDER = "metrics";
    static final String FILE = "emf.jsonl";
    static final String LAST = "last-metrics-log.txt";
    private static final String IN_MEMORY_PREFIX = "emf-";

    private MetricsLogs() {
    }

    /** The log of a stack on {@code dataDirectory}. */
    public static Path ofDataDirectory(Path dataDirectory) {
        return dataDirectory.toAbsolutePath().resolve(FOLDER).resolve(FILE);
    }

    /** The log of an in-memory stack served by process {@code pid}, its endpoints file in {@code stateDirectory}. */
    public static Path inMemory(Path stateDirectory, long pid) {
        return stateDirectory.toAbsolutePath().resolve(FOLDER).resolve(IN_MEMORY_PREFIX + pid + ".jsonl");
    }

    /** Deletes the logs of earlier in-memory stacks beside {@code current}. */
    public static void deleteEarlierInMemoryLogs(Path current) {
        Path folder = current.toAbsolutePath().getParent();
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> earlier = files.filter(file -> !file.equals(current.toAbsolutePath()))
                    .filter(file -> file.getFileName().toString().startsWith(IN_MEMORY_PREFIX)
                            && file.getFileName().toString().endsWith(".jsonl")).toList();
            for (Path file : earlier) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tidy " + folder, e);
        }
    }

    /** Notes {@code log} as the last stack's, in {@code stateDirectory}. */
    public static void recordLast(Path stateDirectory, Path log) {
        try {
            Files.createDirectories(stateDirectory);
            Files.writeString(stateDirectory.resolve(LAST), log.toAbsolutePath() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + stateDirectory.resolve(LAST), e);
        }
    }

    /** The last stack's log noted in {@code stateDirectory}; empty when no stack ran there. */
    public static Optional<Path> last(Path stateDirectory) {
        try {
            String noted = Files.readString(stateDirectory.resolve(LAST), StandardCharsets.UTF_8).strip();
            return noted.isEmpty() ? Optional.empty() : Optional.of(Path.of(noted));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stateDirectory.resolve(LAST), e);
        }
    }
}
