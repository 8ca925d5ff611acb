package dev.persona.pipeline;

import java.util.List;
import java.util.Map;

/**
 * What preprocessing found, written next to the activities as {@code report.json}; build-persona reads it
 * back for the data-quality facts. Safe to show the user: counts, reasons and redacted excerpts.
 *
 * @param schemaVersion     version of this document
 * @param jobId             the job
 * @param format            detected format (wire name), or the archive's type ({@code zip}, {@code tar})
 * @param encoding          detected text encoding (of the first file read, for an archive)
 * @param compressed        whether the upload was gzip-compressed (a tar.gz archive included)
 * @param bytesRead         bytes read, after decompression
 * @param recordsRead       records found: kept + rejected + skipped + duplicates
 * @param recordsKept       unique valid records written
 * @param recordsRejected   invalid records left out
 * @param duplicatesRemoved exact duplicates left out
 * @param rejectedByReason  rejected records per reason
 * @param rejectedSamples   the first rejected records
 * @param dateOnlyRecords   kept records with a date but no time of day
 * @param firstActivityAt   earliest kept activity (ISO-8601), null without records
 * @param lastActivityAt    latest kept activity
 * @param timezone          the user's time zone as far as known
 * @param recordsSkipped    valid records that are not the person's activity (trailers, ads, reloads, short plays)
 * @param skippedByReason   skipped records per reason
 * @param recordsByFormat   records read per file format (wire names)
 * @param files             the files read, in order (the upload itself, or an archive's activity files; at most
 *                          {@value #MAX_FILES_LISTED})
 * @param archive           what the archive held, or null when the upload is not an archive
 */
public record PreprocessReport(
        int schemaVersion,
        String jobId,
        String format,
        String encoding,
        boolean compressed,
        long bytesRead,
        long recordsRead,
        long recordsKept,
        long recordsRejected,
        long duplicatesRemoved,
        Map<String, Long> rejectedByReason,
        List<RejectedSample> rejectedSamples,
        long dateOnlyRecords,
        String firstActivityAt,
        String lastActivityAt,
        Timezone timezone,
        long recordsSkipped,
        Map<String, Long> skippedByReason,
        Map<String, Long> recordsByFormat,
        List<FileRead> files,
        Archive archive) {

    public static final int SCHEMA_VERSION = 2;
    public static final int MAX_FILES_LISTED = 100;

    /**
     * One rejected record.
     *
     * @param record  1-based position of the record in the upload
     * @param line    1-based line where it starts, in its file
     * @param reason  why it was rejected (wire name)
     * @param excerpt the start of the record, redacted; absent for JSON array elements
     * @param file    the archive's file it is in, or null
     */
    public record RejectedSample(long record, long line, String reason, String excerpt, String file) {
    }

    /**
     * One file read.
     *
     * @param name     its name in the archive, or null for the upload itself
     * @param format   its format (wire name)
     * @param records  records found in it
     * @param rejected of which invalid
     */
    public record FileRead(String name, String format, long records, long rejected) {
    }

    /**
     * An archive's contents.
     *
     * @param type             {@code zip} or {@code tar}
     * @param entries          entries of any kind (files, folders, links)
     * @param filesRead        files read as activity data
     * @param filesSkipped     files not read
     * @param skippedByReason  files not read, per reason (wire names of the entry skip reasons)
     * @param skippedExamples  up to three names per reason
     */
    public record Archive(String type, long entries, long filesRead, long filesSkipped,
                          Map<String, Long> skippedByReason, Map<String, List<String>> skippedExamples) {
    }

    /**
     * @param id     an IANA zone id or a fixed offset such as {@code +02:00}
     * @param source {@code upload} (declared with the upload), {@code timestamps} (the most common offset
     *               written in the file's timestamps) or {@code default} (UTC)
     */
    public record Timezone(String id, String source) {
    }
}
