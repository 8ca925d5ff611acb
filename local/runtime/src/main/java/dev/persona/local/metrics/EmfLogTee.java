package dev.persona.local.metrics;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Standard output of a process whose functions write CloudWatch embedded metric format documents there, as Lambda
 * functions do (Powertools' metrics print one document per line): every byte still goes to the console at once, as
 * written, and every complete line that may be an EMF document (a JSON object naming {@code "_aws"}) is also
 * appended, whole, to the metrics log, where {@code persona-local metrics} reads it while the process runs and
 * after it ended.
 *
 * <p>Functions print concurrently. A line is assembled from the bytes its own thread writes (a print stream writes
 * on the caller's thread), so lines of different threads never mix, even when one prints a line in several pieces;
 * each complete line reaches the log in one write. Lines that cannot be a JSON object are not kept past their first
 * character.
 */
public final class EmfLogTee extends OutputStream {

    private static final byte[] MARKER = "\"_aws\"".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream console;
    private final Path logFile;
    private final OutputStream log;
    private final ThreadLocal<LineBuffer> lines = ThreadLocal.withInitial(LineBuffer::new);

    /** The line a thread is writing: its bytes so far, or none when it cannot be an EMF document. */
    private static final class LineBuffer {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        boolean skipping;
        boolean started;
    }

    private EmfLogTee(OutputStream console, Path logFile, OutputStream log) {
        this.console = console;
        this.logFile = logFile;
        this.log = log;
    }

    /** A tee of {@code console} appending EMF lines to {@code logFile} (created with its folder when missing). */
    public static EmfLogTee open(OutputStream console, Path logFile) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            return new EmfLogTee(console, logFile, new FileOutputStream(logFile.toFile(), true));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the metrics log " + logFile, e);
        }
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        console.write(bytes, offset, length);
        LineBuffer line = lines.get();
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                take(line, bytes, start, i + 1 - start);
                finish(line);
                start = i + 1;
            }
        }
        take(line, bytes, start, end - start);
    }

    /** Keeps a piece of the current line, unless its first character already says it is no JSON object. */
    private static void take(LineBuffer line, byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length && !line.started && !line.skipping; i++) {
            if (!Character.isWhitespace(bytes[i])) {
                line.started = true;
                line.skipping = bytes[i] != '{';
            }
        }
        if (!line.skipping && length > 0) {
            line.bytes.write(bytes, offset, length);
        }
    }

    private void finish(LineBuffer line) throws IOException {
        try {
            byte[] whole = line.bytes.toByteArray();
            if (!line.skipping && contains(whole, MARKER)) {
                synchronized (log) {
                    log.write(whole);
                }
            }
        } finally {
            line.bytes.reset();
            line.skipping = false;
            line.started = false;
        }
    }

    private static boolean contains(byte[] bytes, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= bytes.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (bytes[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void flush() throws IOException {
        console.flush();
    }

    /** Closes the metrics log; the console stays open. */
    @Override
    public void close() throws IOException {
        synchronized (log) {
            log.close();
        }
    }
}
