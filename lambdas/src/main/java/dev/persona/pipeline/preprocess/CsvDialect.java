package dev.persona.pipeline.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.persona.pipeline.errors.UnsupportedFormat;

/**
 * The delimiter and columns of a delimited-text upload, read from its header row. The delimiter is the
 * most frequent of comma, semicolon, tab and pipe outside quotes.
 */
record CsvDialect(byte delimiter, List<String> columns, Field.Slot[] slots) {

    private static final byte[] CANDIDATES = {',', ';', '\t', '|'};

    /** A generic file's dialect. */
    static CsvDialect fromHeader(String header) {
        return fromHeader(header, Field.namesOf(InputFormat.CSV));
    }

    /** The dialect of a header whose column names mean what {@code names} says. */
    static CsvDialect fromHeader(String header, Map<String, Field.Slot> names) {
        byte delimiter = delimiterOf(header);
        List<String> columns = split(header, (char) delimiter);
        Field.Slot[] slots = new Field.Slot[columns.size()];
        boolean hasTime = false;
        for (int i = 0; i < columns.size(); i++) {
            slots[i] = names.get(Field.normalized(columns.get(i)));
            if (slots[i] != null && switch (slots[i].field()) {
                case TIMESTAMP, TIME, DATE -> true;
                default -> false;
            }) {
                hasTime = true;
            }
        }
        if (!hasTime) {
            throw new UnsupportedFormat("The file looks like delimited text, but its header row has no time column. "
                    + "Name one of the columns timestamp, time, date, datetime or ts.");
        }
        return new CsvDialect(delimiter, List.copyOf(columns), slots);
    }

    /** The header's column names. */
    static List<String> columnsOf(String header) {
        return split(header, (char) delimiterOf(header));
    }

    private static byte delimiterOf(String header) {
        byte delimiter = ',';
        int best = 0;
        for (byte candidate : CANDIDATES) {
            int count = countOutsideQuotes(header, (char) candidate);
            if (count > best) {
                best = count;
                delimiter = candidate;
            }
        }
        return delimiter;
    }

    private static int countOutsideQuotes(String line, char c) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == c && !quoted) {
                count++;
            }
        }
        return count;
    }

    private static List<String> split(String line, char delimiter) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == delimiter && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
