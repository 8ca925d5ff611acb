package dev.persona.pipeline.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Reads lines as byte ranges of an internal buffer (no decoding, no copies for lines that fit). Accepts
 * {@code \n} and {@code \r\n}; lines longer than the limit are reported, not buffered.
 */
public final class LineReader {

    private final InputStream in;
    private final int maxLineLength;
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private boolean eof;
    private long lineNumber;
    private int lineStart;
    private int lineLength;
    private boolean lineTooLong;

    public LineReader(InputStream in, int maxLineLength) {
        this.in = in;
        this.maxLineLength = maxLineLength;
    }

    /** Advances to the next line; false at the end of input. */
    public boolean next() {
        lineTooLong = false;
        int scanFrom = start;
        while (true) {
            int newline = indexOf((byte) '\n', scanFrom, end);
            if (newline >= 0) {
                setLine(start, newline);
                start = newline + 1;
                return true;
            }
            if (eof) {
                if (start == end) {
                    return false;
                }
                setLine(start, end);
                start = end;
                return true;
            }
            if (end - start > maxLineLength) {
                skipRestOfLine();
                return true;
            }
            scanFrom = end;
            int shift = start;
            fill();
            scanFrom -= shift;
        }
    }

    private void setLine(int from, int to) {
        lineNumber++;
        int stop = to > from && buffer[to - 1] == '\r' ? to - 1 : to;
        lineStart = from;
        lineLength = stop - from;
        if (lineLength > maxLineLength) {
            lineTooLong = true;
        }
    }

    /** Consumes an over-long line up to its newline without keeping it. */
    private void skipRestOfLine() {
        lineNumber++;
        lineTooLong = true;
        lineStart = start;
        lineLength = 0;
        while (true) {
            int newline = indexOf((byte) '\n', start, end);
            if (newline >= 0) {
                start = newline + 1;
                return;
            }
            start = end;
            if (eof) {
                return;
            }
            fill();
        }
    }

    /** Moves unread bytes to the front, grows the buffer if full, and reads more. */
    private void fill() {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxLineLength + 64 * 1024));
        }
        try {
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int indexOf(byte b, int from, int to) {
        byte[] buf = buffer;
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    public byte[] buffer() {
        return buffer;
    }

    public int lineStart() {
        return lineStart;
    }

    public int lineLength() {
        return lineLength;
    }

    /** 1-based number of the current line. */
    public long lineNumber() {
        return lineNumber;
    }

    public boolean lineTooLong() {
        return lineTooLong;
    }

    /** True when the current line has only blanks. */
    public boolean lineIsBlank() {
        for (int i = lineStart, stop = lineStart + lineLength; i < stop; i++) {
            byte b = buffer[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
