package dev.persona.local.stepfunctions.store;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.servers.StateFiles;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.exec.ExecutionJournal;
import dev.persona.local.stepfunctions.asl.exec.HistoryEvent;

/**
 * A data directory: {@code state-machines/<name>.json} per state machine, and per execution
 * {@code executions/<machine>/<execution>/execution.json} (written whole, atomically) and {@code journal.jsonl}
 * (one line per event or note, appended as they happen). Lines reach the file with every event, so a killed
 * process loses nothing already recorded; they are not forced to the disk one by one (no fsync), so a power loss
 * may lose the last ones, and the execution then repeats its last steps (at least once, as AWS runs tasks). A line
 * cut off by a crash is dropped when the directory is read back.
 */
public final class FileServiceStore implements ServiceStore {

    private static final String EVENT = "e";
    private static final String NOTE = "n";
    private static final String METADATA = "execution.json";
    private static final String JOURNAL = "journal.jsonl";

    private final Path machines;
    private final Path executions;

    public FileServiceStore(Path directory) {
        this.machines = directory.resolve("state-machines");
        this.executions = directory.resolve("executions");
        try {
            Files.createDirectories(machines);
            Files.createDirectories(executions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Step Functions data directory " + directory, e);
        }
    }

    @Override
    public List<ObjectNode> stateMachines() {
        List<ObjectNode> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(machines)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                documents.add((ObjectNode) Json.parse(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    @Override
    public void saveStateMachine(String name, ObjectNode document) {
        writeAtomically(machines.resolve(encode(name) + ".json"), document);
    }

    @Override
    public void deleteStateMachine(String name) {
        try {
            Files.deleteIfExists(machines.resolve(encode(name) + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<StoredExecution> executions() {
        List<StoredExecution> stored = new ArrayList<>();
        try (Stream<Path> machineDirectories = Files.list(executions)) {
            for (Path machine : machineDirectories.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> executionDirectories = Files.list(machine)) {
                    for (Path execution : executionDirectories.filter(Files::isDirectory).sorted().toList()) {
                        if (Files.exists(execution.resolve(METADATA))) {
                            stored.add(read(machine, execution));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stored;
    }

    private StoredExecution read(Path machine, Path execution) throws IOException {
        ObjectNode metadata = (ObjectNode) Json.parse(Files.readString(execution.resolve(METADATA)));
        List<HistoryEvent> events = new ArrayList<>();
        List<ObjectNode> notes = new ArrayList<>();
        Path journal = execution.resolve(JOURNAL);
        if (Files.exists(journal)) {
            byte[] bytes = Files.readAllBytes(journal);
            int start = 0;
            long goodLength = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                JsonNode line;
                try {
                    line = Json.parse(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException damaged) {
                    break;
                }
                if (line.has(EVENT)) {
                    events.add(EventCodec.read(line.get(EVENT)));
                } else if (line.get(NOTE) instanceof ObjectNode note) {
                    notes.add(note);
                }
                start = i + 1;
                goodLength = start;
            }
            if (goodLength < bytes.length) {
                // A record cut off by a crash: drop it, so that the next one starts on a line of its own.
                try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE)) {
                    channel.truncate(goodLength);
                }
            }
        }
        return new StoredExecution(decode(machine.getFileName().toString()),
                decode(execution.getFileName().toString()), metadata, events, notes);
    }

    @Override
    public void saveExecution(String machineName, String executionName, ObjectNode metadata) {
        Path directory = executionDirectory(machineName, executionName);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeAtomically(directory.resolve(METADATA), metadata);
    }

    @Override
    public ExecutionJournal journal(String machineName, String executionName) {
        return new FileJournal(executionDirectory(machineName, executionName).resolve(JOURNAL));
    }

    private Path executionDirectory(String machineName, String executionName) {
        return executions.resolve(encode(machineName)).resolve(encode(executionName));
    }

    private static void writeAtomically(Path file, ObjectNode document) {
        StateFiles.replace(file, Json.write(document).getBytes(StandardCharsets.UTF_8));
    }

    /** A file name for any resource name: percent-encoded, dots and stars included (no "." or ".." names). */
    static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace(".", "%2E").replace("*", "%2A");
    }

    static String decode(String fileName) {
        return URLDecoder.decode(fileName, StandardCharsets.UTF_8);
    }

    /**
     * Appends one line per record; opened on the first write, closed when the execution's attempt ends. A plain
     * output stream rather than a FileChannel: an interrupted writer thread (a stopped branch) must not close it.
     */
    private static final class FileJournal implements ExecutionJournal {

        private final Path file;
        private OutputStream out;

        FileJournal(Path file) {
            this.file = file;
        }

        @Override
        public synchronized void event(HistoryEvent event) {
            append(EVENT, EventCodec.write(event));
        }

        @Override
        public synchronized void note(ObjectNode note) {
            append(NOTE, note);
        }

        private void append(String kind, ObjectNode record) {
            ObjectNode line = Json.object();
            line.set(kind, record);
            byte[] bytes = (Json.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
            try {
                if (out == null) {
                    out = new FileOutputStream(file.toFile(), true);
                }
                out.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the journal " + file, e);
            }
        }

        @Override
        public synchronized void close() {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    out = null;
                }
            }
        }
    }
}
