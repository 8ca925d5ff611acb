package dev.persona.pipeline.archive;

import java.io.InputStream;

/**
 * One file of an archive, streamed: its data is read once, in archive order, and never written to disk. The name
 * is only ever shown to the user (after {@link EntryNames#shown}), never used as a path.
 *
 * @param name    the entry's name inside the archive, checked by {@link EntryNames#check}
 * @param content the uncompressed bytes; the reader may stop early, and closing it does not close the archive
 */
public record ArchiveEntry(String name, InputStream content) {

    /** Receives an archive's files in order; folders, links and special files are only counted. */
    @FunctionalInterface
    public interface Handler {
        void entry(ArchiveEntry entry);
    }
}
