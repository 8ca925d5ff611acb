package dev.persona.local.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How the local servers keep their state in a data directory: the whole file is written beside the old one and
 * moved over it, so a process killed mid-write leaves the previous state, never half of the new one. The other local
 * components that keep files (the runtime's endpoints file, the interpreter's state machines) write through it too.
 */
public final class StateFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StateFiles() {
    }

    /** Replaces {@code file} with {@code state}; readable by everyone the folder allows. */
    static void write(Path file, JsonNode state) {
        write(file, state, false);
    }

    /** Replaces {@code file} with {@code state}, readable by its owner only (it holds secrets). */
    static void writePrivate(Path file, JsonNode state) {
        write(file, state, true);
    }

    private static void write(Path file, JsonNode state, boolean ownerOnly) {
        try {
            replace(file, MAPPER.writeValueAsBytes(state), ownerOnly);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Replaces {@code file} with {@code content} at once, creating its folder when needed. */
    public static void replace(Path file, byte[] content) {
        try {
            replace(file, content, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void replace(Path file, byte[] content, boolean ownerOnly) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, content);
        if (ownerOnly) {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the folder's own permissions apply.
            }
        }
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
