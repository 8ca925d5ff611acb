package dev.persona.local.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads one log line as a CloudWatch embedded metric format document, as "Specification: Embedded metric format"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html)
 * defines it and CloudWatch Logs extracts it: a JSON object, nothing before or after it, with an {@code _aws} member
 * holding the {@code Timestamp} (a whole number of milliseconds since the epoch) and {@code CloudWatchMetrics}, an
 * array of metric directives, each with its {@code Namespace}, its {@code Dimensions} (one or more dimension sets,
 * each naming up to 30 members of the root whose values are strings; every set makes metrics of its own) and its
 * {@code Metrics} (at most 100 definitions, each naming a member of the root whose value is a number or an array of
 * at most 100 numbers, with an optional {@code Unit} among CloudWatch's and an optional {@code StorageResolution} of
 * 1 or 60).
 *
 * <p>A line that is not a JSON object with an {@code _aws} member is no EMF document (an ordinary log line). A line
 * that is, or that fails to parse while it names {@code "_aws"}, and breaks any rule above is malformed: CloudWatch
 * would extract nothing from it, and the reason says which rule.
 */
public final class EmfParser {

    /** The units CloudWatch accepts (MetricDatum's, as the specification's schema lists them). */
    public static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
            "None");
    /** The unit of a metric that names none. */
    public static final String DEFAULT_UNIT = "None";

    static final int MAX_METRICS_PER_DIRECTIVE = 100;
    static final int MAX_DIMENSIONS_PER_SET = 30;
    static final int MAX_VALUES_PER_METRIC = 100;
    static final int MAX_NAME_LENGTH = 255;
    private static final String METADATA = "_aws";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private EmfParser() {
    }

    /** What one line is. */
    public sealed interface Result permits NotEmf, Malformed, Document {
    }

    /** An ordinary log line. */
    public record NotEmf() implements Result {
    }

    /** A document CloudWatch would refuse, and why. */
    public record Malformed(String reason) implements Result {
    }

    /** A valid document: its time stamp, and one sample set per directive, dimension set and metric. */
    public record Document(Instant timestamp, List<Sample> samples) implements Result {
    }

    /**
     * The values of one metric, in one namespace, under one dimension set's values (name to value, by name).
     *
     * @param unit the metric's unit, {@link #DEFAULT_UNIT} when the definition names none
     */
    public record Sample(String namespace, String metric, String unit, SortedMap<String, String> dimensions,
                         List<Double> values) {
    }

    private static final NotEmf NOT_EMF = new NotEmf();

    public static Result parse(String line) {
        String text = line.strip();
        if (!text.startsWith("{")) {
            return NOT_EMF;
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return text.contains("\"" + METADATA + "\"")
                    ? new Malformed("not one JSON object: " + e.getOriginalMessage()) : NOT_EMF;
        }
        if (root == null || !root.isObject() || !root.has(METADATA)) {
            return NOT_EMF;
        }
        try {
            return read(root);
        } catch (Invalid invalid) {
            return new Malformed(invalid.getMessage());
        }
    }

    private static Document read(JsonNode root) throws Invalid {
        JsonNode metadata = root.get(METADATA);
        require(metadata.isObject(), "_aws is not an object");
        JsonNode timestamp = metadata.get("Timestamp");
        require(timestamp != null, "_aws.Timestamp is missing");
        require(timestamp.isIntegralNumber() && timestamp.canConvertToLong() && timestamp.asLong() >= 0,
                "_aws.Timestamp is not a whole number of milliseconds since the epoch: " + timestamp);
        JsonNode directives = metadata.get("CloudWatchMetrics");
        require(directives != null, "_aws.CloudWatchMetrics is missing");
        require(directives.isArray(), "_aws.CloudWatchMetrics is not an array");
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < directives.size(); i++) {
            readDirective(root, directives.get(i), "_aws.CloudWatchMetrics[" + i + "]", samples);
        }
        return new Document(Instant.ofEpochMilli(timestamp.asLong()), List.copyOf(samples));
    }

    private static void readDirective(JsonNode root, JsonNode directive, String where, List<Sample> samples)
            throws Invalid {
        require(directive.isObject(), where + " is not an object");
        String namespace = name(directive.get("Namespace"), where + ".Namespace");
        JsonNode dimensionSets = directive.get("Dimensions");
        require(dimensionSets != null, where + ".Dimensions is missing");
        require(dimensionSets.isArray() && !dimensionSets.isEmpty(),
                where + ".Dimensions is not an array of dimension sets");
        List<SortedMap<String, String>> dimensionValues = new ArrayList<>();
        for (int i = 0; i < dimensionSets.size(); i++) {
            dimensionValues.add(dimensionSet(root, dimensionSets.get(i), where + ".Dimensions[" + i + "]"));
        }
        JsonNode metrics = directive.get("Metrics");
        require(metrics != null, where + ".Metrics is missing");
        require(metrics.isArray(), where + ".Metrics is not an array");
        require(metrics.size() <= MAX_METRICS_PER_DIRECTIVE,
                where + ".Metrics holds " + metrics.size() + " definitions, more than " + MAX_METRICS_PER_DIRECTIVE);
        for (int i = 0; i < metrics.size(); i++) {
            String at = where + ".Metrics[" + i + "]";
            JsonNode definition = metrics.get(i);
            require(definition.isObject(), at + " is not an object");
            String metric = name(definition.get("Name"), at + ".Name");
            String unit = unit(definition.get("Unit"), at + ".Unit");
            JsonNode resolution = definition.get("StorageResolution");
            require(resolution == null || resolution.isIntegralNumber()
                    && (resolution.asInt() == 1 || resolution.asInt() == 60), at + ".StorageResolution is not 1 or 60");
            List<Double> values = values(root, metric);
            for (SortedMap<String, String> dimensions : dimensionValues) {
                samples.add(new Sample(namespace, metric, unit, dimensions, values));
            }
        }
    }

    /** The values of the dimensions a set names, each a string member of the root. */
    private static SortedMap<String, String> dimensionSet(JsonNode root, JsonNode set, String where) throws Invalid {
        require(set.isArray(), where + " is not an array of dimension names");
        require(set.size() <= MAX_DIMENSIONS_PER_SET,
                where + " names " + set.size() + " dimensions, more than " + MAX_DIMENSIONS_PER_SET);
        SortedMap<String, String> values = new TreeMap<>();
        for (int i = 0; i < set.size(); i++) {
            String dimension = name(set.get(i), where + "[" + i + "]");
            JsonNode value = root.get(dimension);
            require(value != null, "dimension " + dimension + " (" + where + ") is not a member of the document");
            require(value.isTextual(), "dimension " + dimension + " is not a string: " + value);
            values.put(dimension, value.textValue());
        }
        return Collections.unmodifiableSortedMap(values);
    }

    /** The values of a metric: a number, or an array of at most 100 numbers. */
    private static List<Double> values(JsonNode root, String metric) throws Invalid {
        JsonNode value = root.get(metric);
        require(value != null, "metric " + metric + " is not a member of the document");
        if (value.isNumber()) {
            return List.of(value.doubleValue());
        }
        require(value.isArray(), "metric " + metric + " is neither a number nor an array of numbers: " + value);
        require(value.size() <= MAX_VALUES_PER_METRIC,
                "metric " + metric + " holds " + value.size() + " values, more than " + MAX_VALUES_PER_METRIC);
        List<Double> values = new ArrayList<>(value.size());
        for (Iterator<JsonNode> elements = value.elements(); elements.hasNext(); ) {
            JsonNode element = elements.next();
            require(element.isNumber(), "metric " + metric + " holds a value that is not a number: " + element);
            values.add(element.doubleValue());
        }
        return List.copyOf(values);
    }

    private static String name(JsonNode node, String where) throws Invalid {
        require(node != null, where + " is missing");
        require(node.isTextual(), where + " is not a string");
        String name = node.textValue();
        require(!name.isEmpty() && name.length() <= MAX_NAME_LENGTH,
                where + " must be 1 to " + MAX_NAME_LENGTH + " characters long");
        return name;
    }

    private static String unit(JsonNode node, String where) throws Invalid {
        if (node == null) {
            return DEFAULT_UNIT;
        }
        require(node.isTextual() && UNITS.contains(node.textValue()), where + " is not a CloudWatch unit: " + node);
        return node.textValue();
    }

    private static void require(boolean condition, String reason) throws Invalid {
        if (!condition) {
            throw new Invalid(reason);
        }
    }

    /** A rule of the specification the document breaks. */
    private static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }
}
