package dev.persona.logging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fields added to every log line of the current invocation (request id, job id, user id). Opened by
 * a handler around its work and closed when it returns, so a warm container never leaks the previous
 * invocation's ids.
 */
public final class LogContext implements AutoCloseable {

    private static final ThreadLocal<Map<String, String>> FIELDS = ThreadLocal.withInitial(LinkedHashMap::new);

    private final Map<String, String> previous;

    private LogContext(Map<String, String> previous) {
        this.previous = previous;
    }

    /** Adds fields (key, value, key, value…) until the returned scope is closed; null values are skipped. */
    public static LogContext with(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key-value arguments must come in pairs");
        }
        Map<String, String> previous = new LinkedHashMap<>(FIELDS.get());
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                FIELDS.get().put(keyValues[i], keyValues[i + 1]);
            }
        }
        return new LogContext(previous);
    }

    static Map<String, String> current() {
        return Collections.unmodifiableMap(FIELDS.get());
    }

    @Override
    public void close() {
        FIELDS.set(previous);
    }
}
