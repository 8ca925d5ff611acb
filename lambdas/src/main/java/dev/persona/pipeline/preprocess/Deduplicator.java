package dev.persona.pipeline.preprocess;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removes exact duplicate records in memory bounded regardless of the upload's size.
 *
 * <p>While the fingerprints of the records seen fit the memory budget, {@link #offer} tells the caller to write
 * each new record at once ({@link Offer#WRITE}), which it does from its own buffers. Past it, the set is frozen: a
 * new record that matches it is a duplicate; any other is spilled to one of {@value #PARTITIONS} files on local
 * disk chosen by its fingerprint. {@link #finish} then reads each partition with a set of its own and writes the
 * records not seen before to its sink. Duplicates always share a
 * partition, so the result is exact; the memory used is the frozen set plus one partition's set.
 */
final class Deduplicator implements AutoCloseable {

    static final int PARTITIONS = 64;

    /** Where unique spilled records go. */
    interface Sink {
        void write(byte[] record, int offset, int length);
    }

    /** What became of an offered record. */
    enum Offer {
        /** New: the caller writes it now. */
        WRITE,
        /** Seen before: dropped. */
        DUPLICATE,
        /** Kept on local disk: {@link #finish} writes it unless it turns out to be a duplicate. */
        SPILLED
    }

    private final int memoryBudget;
    private final Path spillRoot;
    private final FingerprintSet seen;
    private DataOutputStream[] partitions;
    private Path spillDirectory;
    private long duplicates;
    private long written;
    private long spilled;

    /**
     * @param memoryBudget how many fingerprints to hold before spilling (16 bytes each)
     * @param spillRoot    a folder for spill files, such as Lambda's {@code /tmp}
     */
    Deduplicator(int memoryBudget, Path spillRoot) {
        this(memoryBudget, spillRoot, 1 << 16);
    }

    /**
     * @param expectedRecords how many records the upload probably holds: the set starts that large, since growing
     *                        it rehashes every fingerprint into a new table, a cache miss each
     */
    Deduplicator(int memoryBudget, Path spillRoot, long expectedRecords) {
        this.memoryBudget = memoryBudget;
        this.spillRoot = spillRoot;
        this.seen = new FingerprintSet((int) Math.max(16, Math.min(memoryBudget, expectedRecords)));
    }

    /** Offers one record; {@link Offer#WRITE} asks the caller to write it now. */
    Offer offer(byte[] line, int offset, int length) {
        long fingerprint = Fingerprint.of(line, offset, length);
        try {
            if (partitions == null) {
                if (!seen.add(fingerprint)) {
                    duplicates++;
                    return Offer.DUPLICATE;
                }
                written++;
                if (seen.size() >= memoryBudget) {
                    startSpilling();
                }
                return Offer.WRITE;
            }
            if (seen.contains(fingerprint)) {
                duplicates++;
                return Offer.DUPLICATE;
            }
            DataOutputStream partition = partitions[(int) (fingerprint >>> 58) & (PARTITIONS - 1)];
            partition.writeLong(fingerprint);
            partition.writeInt(length);
            partition.write(line, offset, length);
            spilled++;
            return Offer.SPILLED;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startSpilling() throws IOException {
        spillDirectory = Files.createTempDirectory(spillRoot, "dedupe-");
        partitions = new DataOutputStream[PARTITIONS];
        for (int i = 0; i < PARTITIONS; i++) {
            partitions[i] = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(spillDirectory.resolve("partition-" + i)), 64 * 1024));
        }
    }

    /** Writes the unique spilled records to {@code out}; call once, after the last {@link #offer}. */
    void finish(Sink out) {
        if (partitions == null) {
            return;
        }
        try {
            for (DataOutputStream partition : partitions) {
                partition.close();
            }
            byte[] record = new byte[4096];
            for (int i = 0; i < PARTITIONS; i++) {
                Path file = spillDirectory.resolve("partition-" + i);
                FingerprintSet partitionSeen = new FingerprintSet(16);
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file),
                        64 * 1024))) {
                    while (true) {
                        long fingerprint;
                        try {
                            fingerprint = in.readLong();
                        } catch (EOFException end) {
                            break;
                        }
                        int length = in.readInt();
                        if (length > record.length) {
                            record = new byte[Math.max(length, record.length * 2)];
                        }
                        in.readFully(record, 0, length);
                        if (partitionSeen.add(fingerprint)) {
                            out.write(record, 0, length);
                            written++;
                        } else {
                            duplicates++;
                        }
                    }
                }
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long duplicates() {
        return duplicates;
    }

    /** Records written as unique so far. */
    long written() {
        return written;
    }

    /** Records that went through local disk. */
    long spilled() {
        return spilled;
    }

    /** Deletes spill files, whether or not {@link #finish()} ran. */
    @Override
    public void close() {
        if (spillDirectory == null) {
            return;
        }
        if (partitions != null) {
            for (DataOutputStream partition : partitions) {
                try {
                    partition.close();
                } catch (IOException e) {
                    // Deleting the directory below is what matters.
                }
            }
        }
        try (Stream<Path> files = Files.walk(spillDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        spillDirectory = null;
    }
}
