package dev.persona.logging;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.json.Json;

/**
 * Writes one JSON object per line to standard output, which Lambda ships to CloudWatch Logs. Every
 * line carries the service, the logger, the level and the {@link LogContext} (request, job and user
 * ids). Callers log counts, codes and ids only: never the user's data.
 */
public final class StructuredLogger {

    public enum Level { DEBUG, INFO, WARN, ERROR }

    private static final String SERVICE = System.getenv().getOrDefault(EnvironmentVariables.SERVICE_NAME,
            "persona-pipeline");
    private static final Level THRESHOLD = parseLevel(System.getenv(EnvironmentVariables.LOG_LEVEL));

    private final String name;
    private final PrintStream out;

    private StructuredLogger(String name, PrintStream out) {
        this.name = name;
        this.out = out;
    }

    public static StructuredLogger of(Class<?> type) {
        return of(type, System.out);
    }

    /** A logger writing to {@code out}: tests read what a class logs. */
    public static StructuredLogger of(Class<?> type, PrintStream out) {
        return new StructuredLogger(type.getSimpleName(), out);
    }

    public void debug(String message, Object... keyValues) {
        log(Level.DEBUG, message, null, keyValues);
    }

    public void info(String message, Object... keyValues) {
        log(Level.INFO, message, null, keyValues);
    }

    public void warn(String message, Object... keyValues) {
        log(Level.WARN, message, null, keyValues);
    }

    /** Logs the error's type and message; the stack trace only names our classes and lines. */
    public void error(String message, Throwable error, Object... keyValues) {
        log(Level.ERROR, message, error, keyValues);
    }

    private void log(Level level, String message, Throwable error, Object[] keyValues) {
        if (level.ordinal() < THRESHOLD.ordinal()) {
            return;
        }
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key-value arguments must come in pairs");
        }
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = Json.FACTORY.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("timestamp", Instant.now().toString());
            json.writeStringField("level", level.name());
            json.writeStringField("service", SERVICE);
            json.writeStringField("logger", name);
            json.writeStringField("message", message);
            for (Map.Entry<String, String> entry : LogContext.current().entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            for (int i = 0; i < keyValues.length; i += 2) {
                json.writeFieldName(String.valueOf(keyValues[i]));
                Json.MAPPER.writeValue(json, keyValues[i + 1]);
            }
            if (error != null) {
                json.writeStringField("errorType", error.getClass().getName());
                json.writeStringField("errorMessage", String.valueOf(error.getMessage()));
                json.writeArrayFieldStart("stackTrace");
                for (StackTraceElement frame : error.getStackTrace()) {
                    json.writeString(frame.toString());
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println(line);
    }

    private static Level parseLevel(String value) {
        if (value == null || value.isBlank()) {
            return Level.INFO;
        }
        try {
            return Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Level.INFO;
        }
    }
}
