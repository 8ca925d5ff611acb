package dev.persona.api;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Turns the name a browser reports into the last segment of an object key: only the base name, ASCII
 * letters, digits, {@code . _ -}, no leading dots or dashes (no hidden or option-like names), no
 * {@code ..}, at most {@link #MAX_LENGTH} characters with the extension kept. The original name is only
 * ever shown back to its owner; the pipeline detects the format from the bytes, not the name.
 */
public final class FilenameSanitizer {

    static final int MAX_LENGTH = 100;
    static final String FALLBACK = "upload";
    private static final int MAX_EXTENSION = 16;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final Pattern DOTS = Pattern.compile("\\.{2,}");
    private static final Pattern LEADING = Pattern.compile("^[._-]+");
    private static final Pattern TRAILING = Pattern.compile("[._-]+$");

    private FilenameSanitizer() {
    }

    public static String sanitize(String reported) {
        // Browsers may report "C:\fakepath\name.json"; other clients may send any path.
        String name = reported.substring(Math.max(reported.lastIndexOf('/'), reported.lastIndexOf('\\')) + 1);
        // "Aktivität.json" keeps its letters as "Aktivitat.json" instead of losing them.
        name = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
        name = UNSAFE.matcher(name).replaceAll("_");
        name = DOTS.matcher(name).replaceAll(".");
        name = LEADING.matcher(name).replaceAll("");
        name = TRAILING.matcher(name).replaceAll("");
        if (name.length() > MAX_LENGTH) {
            name = shorten(name);
        }
        return name.isEmpty() ? FALLBACK : name;
    }

    private static String shorten(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION + 1 ? name.substring(dot) : "";
        return name.substring(0, MAX_LENGTH - extension.length()) + extension;
    }
}
