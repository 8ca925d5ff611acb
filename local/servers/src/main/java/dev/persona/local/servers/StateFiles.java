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
 * moved over it, so a process killed mid-write leaves the previous state, never half of the new one.
 */
final class StateFiles {

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
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temporary, MAPPER.writeValueAsBytes(state));
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
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
