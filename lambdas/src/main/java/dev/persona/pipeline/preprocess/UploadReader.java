package dev.persona.pipeline.preprocess;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import dev.persona.pipeline.archive.ArchiveEntry;
import dev.persona.pipeline.archive.ArchiveLimits;
import dev.persona.pipeline.archive.TarArchive;
import dev.persona.pipeline.archive.ZipArchive;
import dev.persona.pipeline.errors.UnsupportedArchive;
import dev.persona.pipeline.io.GzipDecoder;
import dev.persona.storage.StoredObject;

/**
 * Opens an upload by what its first bytes are, never by its name: a zip archive (read through ranged reads), a
 * gzip stream (a tar archive inside, or one file), a tar archive, or one plain file. Every byte that comes out
 * counts against the upload limit; every decompression is held to the ratio limit. Archives inside archives are
 * not opened (their entries are skipped as {@code nested-archive}); other archive formats (7-Zip, RAR, bzip2, XZ,
 * Zstandard) are refused.
 */
final class UploadReader {

    /** How much of a file's start tells an archive from other content: one tar header. */
    static final int SNIFF_BYTES = 512;

    private final ZipArchive.RangeSource ranges;
    private final ArchiveLimits limits;
    private final ByteBudget budget;

    /**
     * @param ranges ranged reads of the upload's version, for zip archives
     * @param budget the upload limit, applied to everything decompressed
     */
    UploadReader(ZipArchive.RangeSource ranges, ArchiveLimits limits, ByteBudget budget) {
        this.ranges = ranges;
        this.limits = limits;
        this.budget = budget;
    }

    void read(StoredObject object, UploadContents contents) {
        BufferedInputStream in = new BufferedInputStream(object.content(), TextDecoder.BUFFER);
        byte[] head = peek(in);
        if (isZip(head)) {
            close(in);
            contents.archive("zip", false);
            contents.archiveEntries(ZipArchive.read(ranges, object.size(), limits,
                    entry -> readEntry(entry, contents)));
            return;
        }
        refuseOtherArchives(head);
        if (isGzip(head)) {
            contents.compressed();
            BufferedInputStream plain = new BufferedInputStream(budget.counted(
                    new GzipDecoder(in, limits.decompression())), TextDecoder.BUFFER);
            byte[] inner = peek(plain);
            if (TarArchive.isTarHeader(inner, inner.length)) {
                readTar(plain, true, contents);
            } else if (isArchive(inner)) {
                throw new UnsupportedArchive("The gzip file holds another archive, which is not opened. Upload a "
                        + "zip or tar.gz archive of the exported files themselves.");
            } else {
                DocumentReader.readUpload(plain, contents);
            }
            return;
        }
        if (TarArchive.isTarHeader(head, head.length)) {
            readTar(budget.counted(in), false, contents);
            return;
        }
        DocumentReader.readUpload(budget.counted(in), contents);
    }

    private void readTar(InputStream in, boolean compressed, UploadContents contents) {
        contents.archive("tar", compressed);
        contents.archiveEntries(TarArchive.read(in, limits, entry -> DocumentReader.readEntry(entry.name(),
                entry.content(), contents)));
    }

    private void readEntry(ArchiveEntry entry, UploadContents contents) {
        DocumentReader.readEntry(entry.name(), budget.counted(entry.content()), contents);
    }

    /** True when the bytes start an archive or a compressed stream of any kind we know. */
    static boolean isArchive(byte[] head) {
        return isZip(head) || isGzip(head) || otherArchive(head) != null || isSpannedZip(head)
                || TarArchive.isTarHeader(head, head.length);
    }

    static byte[] peek(BufferedInputStream in) {
        try {
            in.mark(SNIFF_BYTES);
            byte[] head = in.readNBytes(SNIFF_BYTES);
            in.reset();
            return head;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void refuseOtherArchives(byte[] head) {
        if (isSpannedZip(head)) {
            throw new UnsupportedArchive("The zip archive is split into several files. Upload a single, complete "
                    + "archive: Google Takeout can make archives of up to 50 GB, so choose a larger archive size.");
        }
        String other = otherArchive(head);
        if (other != null) {
            throw new UnsupportedArchive("The file is " + other + ", which is not read. Upload a zip or tar.gz "
                    + "archive, or the exported files themselves.");
        }
    }

    private static boolean isZip(byte[] head) {
        return startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6);
    }

    private static boolean isSpannedZip(byte[] head) {
        return startsWith(head, 'P', 'K', 7, 8);
    }

    private static boolean isGzip(byte[] head) {
        return startsWith(head, 0x1f, 0x8b);
    }

    /** The kind of a compressed file or archive that is not read, or null. */
    private static String otherArchive(byte[] head) {
        if (startsWith(head, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
            return "a 7-Zip archive";
        }
        if (startsWith(head, 'R', 'a', 'r', '!', 0x1A, 0x07)) {
            return "a RAR archive";
        }
        if (startsWith(head, 'B', 'Z', 'h')) {
            return "bzip2-compressed";
        }
        if (startsWith(head, 0xFD, '7', 'z', 'X', 'Z', 0)) {
            return "XZ-compressed";
        }
        if (startsWith(head, 0x28, 0xB5, 0x2F, 0xFD)) {
            return "Zstandard-compressed";
        }
        return null;
    }

    private static boolean startsWith(byte[] head, int... bytes) {
        if (head.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
