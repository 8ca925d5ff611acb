package dev.persona.pipeline.archive;

import java.nio.charset.StandardCharsets;

import dev.persona.pipeline.errors.ArchiveEntryNameTooLong;
import dev.persona.pipeline.errors.UnsafeArchiveEntryName;

/**
 * Checks on archive entry names. Entries are never written to disk by name, so a hostile name reaches nothing;
 * an archive holding one is refused all the same, since no honest archiver writes {@code ../}, absolute paths or
 * drive letters. Backslashes count as separators, as Windows tools write them.
 */
public final class EntryNames {

    private static final int SHOWN_LENGTH = 80;

    private EntryNames() {
    }

    /** Fails on a name that is too long, climbs out with {@code ..}, is absolute, names a drive or holds NUL. */
    public static void check(String name, int byteLength, int maxBytes) {
        if (byteLength > maxBytes) {
            throw new ArchiveEntryNameTooLong("The archive holds an entry whose name is longer than " + maxBytes
                    + " bytes (" + byteLength + " bytes, starting \"" + shown(name) + "\"). Archives made by Google "
                    + "Takeout, Spotify or Netflix never do: create the archive again.");
        }
        String path = name.replace('\\', '/');
        boolean unsafe = path.startsWith("/") || path.indexOf('\0') >= 0
                || (path.length() >= 2 && path.charAt(1) == ':' && isAsciiLetter(path.charAt(0)));
        for (int start = 0; !unsafe && start <= path.length(); ) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            unsafe = end - start == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.';
            start = end + 1;
        }
        if (unsafe) {
            throw new UnsafeArchiveEntryName("The archive holds an entry whose name points outside the archive (\""
                    + shown(name) + "\"): archives with such names are refused. Create the archive again from the "
                    + "exported files.");
        }
    }

    /** UTF-8 length of a name read as text. */
    public static int byteLength(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A name fit for a message: control characters dropped, at most 80 characters. */
    public static String shown(String name) {
        StringBuilder shown = new StringBuilder(Math.min(name.length(), SHOWN_LENGTH + 1));
        for (int i = 0; i < name.length() && shown.length() < SHOWN_LENGTH; i++) {
            char c = name.charAt(i);
            if (!Character.isISOControl(c)) {
                shown.append(c);
            }
        }
        if (shown.length() == SHOWN_LENGTH && name.length() > SHOWN_LENGTH) {
            shown.setCharAt(SHOWN_LENGTH - 1, '…');
        }
        return shown.toString();
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
