package dev.persona.pipeline.preprocess;

import java.io.BufferedInputStream;
import java.io.InputStream;

import dev.persona.pipeline.archive.EntryNames;
import dev.persona.pipeline.errors.CompressionRatioTooHigh;
import dev.persona.pipeline.errors.MalformedUpload;
import dev.persona.pipeline.errors.UnsupportedEncoding;
import dev.persona.pipeline.errors.UnsupportedFormat;
import dev.persona.pipeline.errors.UnsupportedLanguage;

/**
 * Reads one file of activity records: decodes its text, detects its format from the content and streams its
 * records. A file uploaded on its own must be readable, or the upload fails with the named error; a file inside an
 * archive that is not activity data (a photo, an archive in the archive, a settings file) is skipped and counted
 * instead.
 */
final class DocumentReader {

    private DocumentReader() {
    }

    /** The upload itself, not an archive. */
    static void readUpload(InputStream bytes, UploadContents contents) {
        TextDecoder.Decoded decoded = TextDecoder.decode(bytes);
        FormatDetector.Detection detection = FormatDetector.detect(decoded.text());
        if (!readRecords(null, decoded, detection, contents)) {
            throw new UnsupportedFormat("This HTML page holds no Google Takeout activity. Upload the "
                    + "My Activity page (MyActivity.html) or YouTube's watch-history.html, or the whole Takeout archive.");
        }
    }

    /** One file of an archive. */
    static void readEntry(String name, InputStream bytes, UploadContents contents) {
        try {
            BufferedInputStream in = new BufferedInputStream(bytes, TextDecoder.BUFFER);
            if (UploadReader.isArchive(UploadReader.peek(in))) {
                contents.skipped(name, EntrySkipReason.NESTED_ARCHIVE);
                return;
            }
            TextDecoder.Decoded decoded;
            try {
                decoded = TextDecoder.decode(in);
            } catch (UnsupportedEncoding e) {
                contents.skipped(name, EntrySkipReason.NOT_UTF8);
                return;
            }
            FormatDetector.Outcome outcome = FormatDetector.detectOrRefuse(decoded.text());
            if (outcome instanceof FormatDetector.Refusal refusal) {
                contents.skipped(name, refusal.reason());
                return;
            }
            if (!readRecords(name, decoded, (FormatDetector.Detection) outcome, contents)) {
                contents.skipped(name, EntrySkipReason.NOT_ACTIVITY_DATA);
            }
        } catch (MalformedUpload e) {
            throw new MalformedUpload(in(name) + e.getMessage(), e);
        } catch (UnsupportedLanguage e) {
            throw new UnsupportedLanguage(in(name) + e.getMessage());
        } catch (CompressionRatioTooHigh e) {
            throw new CompressionRatioTooHigh(in(name) + e.getMessage());
        }
    }

    /** Streams the records; false when the file held no activity at all (an HTML page without activity cells). */
    private static boolean readRecords(String name, TextDecoder.Decoded decoded, FormatDetector.Detection detection,
                                       UploadContents contents) {
        InputFormat format = detection.format();
        RecordConsumer consumer = contents.beginFile(name, format, decoded.encoding());
        TakeoutHtmlRecords html = null;
        RecordSource source = switch (format) {
            case TAKEOUT_MY_ACTIVITY, JSON_ARRAY, SPOTIFY_STREAMING_HISTORY, SPOTIFY_EXTENDED_HISTORY ->
                    JsonRecords.array(decoded.text(), Field.namesOf(format));
            case CHROME_HISTORY -> JsonRecords.chromeHistory(decoded.text());
            case JSON_LINES -> JsonRecords.lines(decoded.text());
            case CSV, NETFLIX_VIEWING_ACTIVITY -> new CsvParser(decoded.text(), detection.csvDialect());
            case TAKEOUT_MY_ACTIVITY_HTML -> html = new TakeoutHtmlRecords(decoded.text());
        };
        source.readAll(consumer);
        boolean activity = html == null || html.cells() > 0;
        contents.endFile(activity);
        return activity;
    }

    private static String in(String name) {
        return "In \"" + EntryNames.shown(name) + "\": ";
    }
}
