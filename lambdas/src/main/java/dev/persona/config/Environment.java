package dev.persona.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed, validated access to a function's environment variables. Handlers read {@link #system()};
 * tests and the local runtime pass their own map. A missing required variable or a malformed value
 * fails at init with the variable's name, never later on a request.
 */
public final class Environment {

    private final Map<String, String> variables;

    private Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    public static Environment of(Map<String, String> variables) {
        return new Environment(variables);
    }

    public Optional<String> optional(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String required(String name) {
        return optional(name).orElseThrow(() ->
                new IllegalStateException("environment variable " + name + " is not set"));
    }

    public long longValue(String name, long defaultValue) {
        return optional(name).map(value -> parse(name, value, Long::parseLong)).orElse(defaultValue);
    }

    public int intValue(String name, int defaultValue) {
        return optional(name).map(value -> parse(name, value, Integer::parseInt)).orElse(defaultValue);
    }

    public double doubleValue(String name, double defaultValue) {
        return optional(name).map(value -> parse(name, value, Double::parseDouble)).orElse(defaultValue);
    }

    public boolean booleanValue(String name, boolean defaultValue) {
        return optional(name).map(value -> switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalStateException(
                    "environment variable " + name + " is not a boolean: " + value);
        }).orElse(defaultValue);
    }

    /** A comma-separated list; empty when unset. */
    public List<String> list(String name) {
        return optional(name)
                .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    private static <T> T parse(String name, String value, java.util.function.Function<String, T> parser) {
        try {
            return Objects.requireNonNull(parser.apply(value));
        } catch (RuntimeException e) {
            throw new IllegalStateException("environment variable " + name + " is malformed: " + value, e);
        }
    }
}
