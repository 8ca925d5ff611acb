package dev.persona.pipeline.archive;

import dev.persona.pipeline.io.DecompressionLimits;

/**
 * What an archive may hold before it is refused. The total of uncompressed bytes is the upload limit, counted
 * by the caller over everything read; these limits bound the archive's structure.
 *
 * @param maxEntries         entries of any kind (files, folders, links), default 50,000
 * @param maxEntryNameBytes  longest entry name in UTF-8 bytes, default 1,024
 * @param maxDeclaredBytes   most uncompressed bytes a zip's directory may declare in total (the upload limit)
 * @param decompression      how far each entry's data may expand
 */
public record ArchiveLimits(int maxEntries, int maxEntryNameBytes, long maxDeclaredBytes,
                            DecompressionLimits decompression) {

    public static final int DEFAULT_MAX_ENTRIES = 50_000;
    public static final int DEFAULT_MAX_ENTRY_NAME_BYTES = 1024;

    public static ArchiveLimits defaults(long maxUploadBytes) {
        return new ArchiveLimits(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_ENTRY_NAME_BYTES, maxUploadBytes,
                DecompressionLimits.DEFAULT);
    }
}
