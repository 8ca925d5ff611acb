package dev.persona.local.servers;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.gaul.s3proxy.nio2blob.AbstractNio2BlobStore;

/**
 * S3Proxy's file-system store with bucket versioning, which S3Proxy implements for every NIO.2 store (versions and
 * delete markers in extended attributes) but leaves off for files: it numbers version ids and version files from
 * a counter that starts at zero in every JVM, so after a restart new versions would reuse the ids, and overwrite
 * the files, of versions already on disk. This store moves that counter to the current time in microseconds
 * before serving, so every run numbers above every earlier one.
 *
 * <p>Needs a file system with user-defined extended attributes (ext4, xfs, btrfs, APFS).
 */
final class VersionedFilesystemBlobStore extends AbstractNio2BlobStore {

    /** S3Proxy's counter of versions (a private static of the store). */
    private static final String SEQUENCE_FIELD = "VERSION_SEQUENCE";

    VersionedFilesystemBlobStore(Path root) {
        super(root.toAbsolutePath());
        advanceVersionSequence(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
    }

    @Override
    public boolean supportsVersioning() {
        return true;
    }

    /** Moves S3Proxy's version counter to at least {@code floor}; never backwards. */
    static void advanceVersionSequence(long floor) {
        sequence().accumulateAndGet(floor, Math::max);
    }

    static AtomicLong sequence() {
        try {
            Field field = AbstractNio2BlobStore.class.getDeclaredField(SEQUENCE_FIELD);
            field.setAccessible(true);
            return (AtomicLong) field.get(null);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("this S3Proxy version numbers versions differently: a versioned bucket"
                    + " in a data directory cannot be served", e);
        }
    }
}
