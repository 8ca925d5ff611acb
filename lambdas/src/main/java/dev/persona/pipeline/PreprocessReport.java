package dev.persona.pipeline;

import java.util.List;
import java.util.Map;

/**
 * What preprocessing found, written next to the activities as {@code report.json}; build-persona reads it
 * back for the data-quality facts. Safe to show the user: counts, reasons and redacted excerpts.
 *
 * @param schemaVersion     version of this document
 * @param jobId             the job
 * @param format            detected format (wire name)
 * @param encoding          detected text encoding
 * @param compressed        whether the upload was gzip-compressed
 * @param bytesRead         bytes of text read, after decompression
 * @param recordsRead       records found: kept + rejected + duplicates
 * @param recordsKept       unique valid records written
 * @param recordsRejected   invalid records left out
 * @param duplicatesRemoved exact duplicates left out
 * @param rejectedByReason  rejected records per reason
 * @param rejectedSamples   the first rejected records
 * @param dateOnlyRecords   kept records with a date but no time of day
 * @param firstActivityAt   earliest kept activity (ISO-8601), null without records
 * @param lastActivityAt    latest kept activity
 * @param timezone          the user's time zone as far as known
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
        Timezone timezone) {

    public static final int SCHEMA_VERSION = 1;

    /**
     * One rejected record.
     *
     * @param record  1-based position of the record in the file
     * @param line    1-based line where it starts
     * @param reason  why it was rejected (wire name)
     * @param excerpt the start of the record, redacted; absent for JSON array elements
     */
    public record RejectedSample(long record, long line, String reason, String excerpt) {
    }

    /**
     * @param id     an IANA zone id or a fixed offset such as {@code +02:00}
     * @param source {@code upload} (declared with the upload), {@code timestamps} (the most common offset
     *               written in the file's timestamps) or {@code default} (UTC)
     */
    public record Timezone(String id, String source) {
    }
}
