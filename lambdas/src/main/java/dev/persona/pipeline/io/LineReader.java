package dev.persona.pipeline.io;

import java.io.InputStream;

/**
 * Reads lines as byte ranges of an internal buffer (no decoding, no copies for lines that fit). Accepts
 * {@code \n} and {@code \r\n}; lines longer than the limit are reported, not buffered.
 */
public final class LineReader {

    private final ByteWindow window;
    private final int maxLineLength;
    private long lineNumber;
    private int lineStart;
    private int lineLength;
    private boolean lineTooLong;

    public LineReader(InputStream in, int maxLineLength) {
        this.window = new ByteWindow(in, maxLineLength + 64 * 1024);
        this.maxLineLength = maxLineLength;
    }

    /** Advances to the next line; false at the end of input. */
    public boolean next() {
        lineTooLong = false;
        int scanFrom = window.start;
        while (true) {
            int newline = ByteScan.indexOfNewline(window.buffer, scanFrom, window.end);
            if (newline >= 0) {
                setLine(window.start, newline);
                window.start = newline + 1;
                return true;
            }
            if (window.eof()) {
                if (window.available() == 0) {
                    return false;
                }
                setLine(window.start, window.end);
                window.start = window.end;
                return true;
            }
            if (window.available() > maxLineLength) {
                skipRestOfLine();
                return true;
            }
            scanFrom = window.end;
            scanFrom -= window.fill();
        }
    }

    private void setLine(int from, int to) {
        lineNumber++;
        int stop = to > from && window.buffer[to - 1] == '\r' ? to - 1 : to;
        lineStart = from;
        lineLength = stop - from;
        lineTooLong = lineLength > maxLineLength;
    }

    /** Consumes an over-long line up to its newline without keeping it. */
    private void skipRestOfLine() {
        lineNumber++;
        lineTooLong = true;
        lineStart = window.start;
        lineLength = 0;
        while (true) {
            int newline = ByteScan.indexOfNewline(window.buffer, window.start, window.end);
            if (newline >= 0) {
                window.start = newline + 1;
                return;
            }
            window.start = window.end;
            if (window.eof()) {
                return;
            }
            window.fill();
        }
    }

    public byte[] buffer() {
        return window.buffer;
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
        byte[] buf = window.buffer;
        for (int i = lineStart, stop = lineStart + lineLength; i < stop; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
