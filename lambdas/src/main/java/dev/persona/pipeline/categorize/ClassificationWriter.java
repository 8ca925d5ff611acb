package dev.persona.pipeline.categorize;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import dev.persona.domain.ActivityJson;
import dev.persona.domain.Category;

/**
 * Writes {@code ,"category":"…","confidence":0.87,"signal":"…"}} and the newline that close a categorized
 * line, from bytes prepared once per category and signal.
 */
final class ClassificationWriter {

    private static final String[] SIGNALS = {Classification.USER_CATEGORY, Classification.MEDIUM,
        Classification.DOMAIN, Classification.KEYWORDS, Classification.NONE};

    private final byte[][] categoryPrefixes = new byte[Category.values().length][];
    private final byte[][] signalSuffixes = new byte[SIGNALS.length][];
    private final byte[] digits = new byte[4];

    ClassificationWriter() {
        for (Category category : Category.values()) {
            categoryPrefixes[category.ordinal()] = ascii(",\"" + ActivityJson.CATEGORY + "\":\""
                    + category.displayName() + "\",\"" + ActivityJson.CONFIDENCE + "\":");
        }
        for (int i = 0; i < SIGNALS.length; i++) {
            signalSuffixes[i] = ascii(",\"" + ActivityJson.SIGNAL + "\":\"" + SIGNALS[i] + "\"}\n");
        }
    }

    void write(Classification classification, OutputStream out) throws IOException {
        out.write(categoryPrefixes[classification.category().ordinal()]);
        int hundredths = (int) Math.round(classification.confidence() * 100);
        int n;
        if (hundredths >= 100) {
            digits[0] = '1';
            n = 1;
        } else if (hundredths <= 0) {
            digits[0] = '0';
            n = 1;
        } else {
            digits[0] = '0';
            digits[1] = '.';
            digits[2] = (byte) ('0' + hundredths / 10);
            digits[3] = (byte) ('0' + hundredths % 10);
            n = hundredths % 10 == 0 ? 3 : 4;
        }
        out.write(digits, 0, n);
        out.write(signalSuffixes[signalIndex(classification.signal())]);
    }

    private static int signalIndex(String signal) {
        for (int i = 0; i < SIGNALS.length; i++) {
            if (SIGNALS[i].equals(signal)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown signal " + signal);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
