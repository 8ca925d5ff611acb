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
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removes exact duplicate records in memory bounded regardless of the upload's size.
 *
 * <p>Records are decided in batches of up to {@value #BATCH_RECORDS} (or {@value #BATCH_BYTES} bytes): a batch's
 * fingerprints are looked up in the order of the table's regions ({@link FingerprintSet#region}), so the table, far
 * larger than the processor's caches, is read front to back once per batch instead of at one random place per
 * record, which under a virtual machine's nested page tables costs several memory reads each. The batch is then
 * handed on in arrival order; of identical records the first is kept.
 *
 * <p>While the fingerprints seen fit the memory budget, every new record goes to the sink at once. Past it, the set
 * is frozen: a new record that matches it is a duplicate; any other is spilled to one of {@value #PARTITIONS} files
 * on local disk chosen by its fingerprint. {@link #finish} then reads each partition with a set of its own and writes
 * the records not seen before. Duplicates always share a partition, so the result is exact; the memory used is the
 * frozen set, one batch and one partition's set.
 */
final class Deduplicator implements AutoCloseable {

    static final int PARTITIONS = 64;
    static final int BATCH_RECORDS = 16_384;
    static final int BATCH_BYTES = 4 * 1024 * 1024;

    /** Where the records of a batch go once decided. */
    interface Decisions {
        /**
         * A record that is not a duplicate of any before it: written now, or spilled to disk (then {@link #finish}
         * writes it unless a spilled twin came first). {@code tag} is what it was offered with.
         */
        void kept(byte[] record, int offset, int length, int tag, boolean spilled);
    }

    /** Where the unique spilled records go. */
    interface Sink {
        void write(byte[] record, int offset, int length);
    }

    private static final byte NEW = 0;
    private static final byte DUPLICATE = 1;
    private static final byte SPILL = 2;
    private static final int REGIONS = 1 << FingerprintSet.REGION_BITS;

    private final Decisions decisions;
    private final int memoryBudget;
    private final Path spillRoot;
    private final FingerprintSet seen;
    private byte[] batch = new byte[64 * 1024];
    private int batchLength;
    private final int[] starts = new int[BATCH_RECORDS + 1];
    private final long[] fingerprints = new long[BATCH_RECORDS];
    private final int[] tags = new int[BATCH_RECORDS];
    private final int[] order = new int[BATCH_RECORDS];
    private final byte[] outcomes = new byte[BATCH_RECORDS];
    private final int[] regionStarts = new int[REGIONS + 1];
    private int batchCount;
    private DataOutputStream[] partitions;
    private Path spillDirectory;
    private long duplicates;
    private long written;
    private long spilled;

    /**
     * @param decisions    where each batch's records go, in arrival order
     * @param memoryBudget how many fingerprints to hold before spilling (16 bytes each)
     * @param spillRoot    a folder for spill files, such as Lambda's {@code /tmp}
     */
    Deduplicator(Decisions decisions, int memoryBudget, Path spillRoot) {
        this(decisions, memoryBudget, spillRoot, 1 << 16);
    }

    /**
     * @param expectedRecords how many records the upload probably holds: the set starts that large, since growing
     *                        it rehashes every fingerprint into a new table
     */
    Deduplicator(Decisions decisions, int memoryBudget, Path spillRoot, long expectedRecords) {
        this.decisions = decisions;
        this.memoryBudget = memoryBudget;
        this.spillRoot = spillRoot;
        this.seen = new FingerprintSet((int) Math.max(16, Math.min(memoryBudget, expectedRecords)));
    }

    /** Offers one record, with a tag handed back with it; it is decided when its batch is full or at the end. */
    void offer(byte[] record, int offset, int length, int tag) {
        if (batchCount > 0 && batchLength + length > BATCH_BYTES) {
            decideBatch();
        }
        if (batchLength + length > batch.length) {
            batch = Arrays.copyOf(batch, Math.max(batchLength + length, batch.length * 2));
        }
        System.arraycopy(record, offset, batch, batchLength, length);
        starts[batchCount] = batchLength;
        fingerprints[batchCount] = Fingerprint.of(record, offset, length);
        tags[batchCount] = tag;
        batchLength += length;
        batchCount++;
        if (batchCount == BATCH_RECORDS) {
            decideBatch();
        }
    }

    /**
     * The spill file of a fingerprint: its low bits. A partition is read back into a set of its own, whose home
     * slots are the top bits ({@link FingerprintSet}): were the partition chosen by top bits too, all of its
     * fingerprints would share their home slots' first bits and crowd into one part of that set.
     */
    static int partition(long fingerprint) {
        return (int) fingerprint & (PARTITIONS - 1);
    }

    /** Looks the batch up in region order, then hands it on in arrival order. */
    private void decideBatch() {
        starts[batchCount] = batchLength;
        Arrays.fill(regionStarts, 0);
        for (int i = 0; i < batchCount; i++) {
            regionStarts[FingerprintSet.region(fingerprints[i]) + 1]++;
        }
        for (int r = 0; r < REGIONS; r++) {
            regionStarts[r + 1] += regionStarts[r];
        }
        for (int i = 0; i < batchCount; i++) {
            order[regionStarts[FingerprintSet.region(fingerprints[i])]++] = i;
        }
        for (int k = 0; k < batchCount; k++) {
            int i = order[k];
            long fingerprint = fingerprints[i];
            if (partitions == null) {
                if (seen.add(fingerprint)) {
                    outcomes[i] = NEW;
                    if (seen.size() >= memoryBudget) {
                        startSpilling();
                    }
                } else {
                    outcomes[i] = DUPLICATE;
                }
            } else {
                outcomes[i] = seen.contains(fingerprint) ? DUPLICATE : SPILL;
            }
        }
        try {
            for (int i = 0; i < batchCount; i++) {
                int start = starts[i];
                int length = starts[i + 1] - start;
                switch (outcomes[i]) {
                    case NEW -> {
                        written++;
                        decisions.kept(batch, start, length, tags[i], false);
                    }
                    case DUPLICATE -> duplicates++;
                    default -> {
                        DataOutputStream partition = partitions[partition(fingerprints[i])];
                        partition.writeLong(fingerprints[i]);
                        partition.writeInt(length);
                        partition.write(batch, start, length);
                        spilled++;
                        decisions.kept(batch, start, length, tags[i], true);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        batchCount = 0;
        batchLength = 0;
    }

    private void startSpilling() {
        try {
            spillDirectory = Files.createTempDirectory(spillRoot, "dedupe-");
            partitions = new DataOutputStream[PARTITIONS];
            for (int i = 0; i < PARTITIONS; i++) {
                partitions[i] = new DataOutputStream(new BufferedOutputStream(
                        Files.newOutputStream(spillDirectory.resolve("partition-" + i)), 64 * 1024));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decides the last batch, then writes the unique spilled records to {@code out}; call once, after the last
     * {@link #offer}.
     */
    void finish(Sink out) {
        if (batchCount > 0) {
            decideBatch();
        }
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

    /** Records decided as unique so far (written, or written by {@link #finish} from disk). */
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
