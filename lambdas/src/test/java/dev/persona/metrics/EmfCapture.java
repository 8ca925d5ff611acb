package dev.persona.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.json.Json;

/**
 * The EMF documents written to standard output while an action runs, parsed per the embedded metric format
 * specification: each a metric value with its namespace, unit and dimensions.
 */
public final class EmfCapture {

    /** One metric value of one EMF document. */
    public record Value(String namespace, String name, String unit, double value, Map<String, String> dimensions) {
    }

    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private EmfCapture() {
    }

    /** Runs the action with standard output captured, and returns every metric value it wrote. */
    public static synchronized List<Value> during(Action action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        List<Value> values = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                values.addAll(parse(line));
            }
        }
        return values;
    }

    private static List<Value> parse(String line) {
        JsonNode document;
        try {
            document = Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not an EMF document: " + line, e);
        }
        List<Value> values = new ArrayList<>();
        for (JsonNode directive : document.at("/_aws/CloudWatchMetrics")) {
            for (JsonNode dimensionSet : directive.path("Dimensions")) {
                Map<String, String> dimensions = new TreeMap<>();
                for (JsonNode name : dimensionSet) {
                    dimensions.put(name.asText(), document.path(name.asText()).asText());
                }
                for (JsonNode metric : directive.path("Metrics")) {
                    String name = metric.path("Name").asText();
                    JsonNode value = document.path(name);
                    Iterator<JsonNode> each = value.isArray() ? value.elements() : List.of(value).iterator();
                    each.forEachRemaining(number -> values.add(new Value(directive.path("Namespace").asText(), name,
                            metric.path("Unit").asText(), number.asDouble(), dimensions)));
                }
            }
        }
        return values;
    }
}
