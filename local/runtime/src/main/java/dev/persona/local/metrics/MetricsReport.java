package dev.persona.local.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A {@link MetricsSummary} as an operator reads it: tables on a terminal, or one JSON document. */
public final class MetricsReport {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MetricsReport() {
    }

    // ---- text ----

    public static String text(MetricsSummary summary) {
        StringBuilder out = new StringBuilder();
        out.append("Metrics of ").append(String.join(", ", summary.sources())).append('\n');
        out.append(number(summary.lines())).append(" lines: ").append(number(summary.documents()))
                .append(" EMF documents");
        summary.firstTimestamp().ifPresent(first -> out.append(" (").append(first).append(" to ")
                .append(summary.lastTimestamp().orElseThrow()).append(')'));
        out.append(", ").append(number(summary.otherLines())).append(" other lines skipped, ")
                .append(number(summary.malformed())).append(" malformed\n");
        if (summary.namespaces().isEmpty()) {
            out.append("\nNo metrics.\n");
        }
        for (String namespace : summary.namespaces()) {
            out.append("\nNamespace ").append(namespace).append('\n');
            namespace(out, summary, namespace);
        }
        if (summary.malformed() > 0) {
            out.append("\nMalformed EMF documents (").append(number(summary.malformed())).append(", ")
                    .append(summary.malformed() > summary.problems().size()
                            ? "the first " + summary.problems().size() : "all").append("):\n");
            for (MetricsSummary.Problem problem : summary.problems()) {
                out.append("  ").append(problem.source()).append(':').append(problem.line()).append(": ")
                        .append(problem.reason()).append('\n');
            }
        }
        out.append("\nPercentiles: nearest rank over every sample, for millisecond metrics.\n");
        return out.toString();
    }

    private static void namespace(StringBuilder out, MetricsSummary summary, String namespace) {
        Table outcomes = new Table("class", "code", "#jobs");
        summary.jobOutcomes(namespace).forEach(o -> outcomes.row(o.outcomeClass(), o.code(), number(o.jobs())));
        outcomes.appendTo(out, "Job outcomes by code");

        Table api = new Table("route", "status", "#requests", "#timed", "#p50 ms", "#p99 ms");
        summary.apiRequests(namespace).forEach(r -> api.row(r.route(), r.statusClass(), number(r.requests()),
                number(r.latencySamples()), number(r.latencyP50()), number(r.latencyP99())));
        api.appendTo(out, "API requests by route and status class");

        Table steps = new Table("step", "#runs", "#records read", "#kept", "#rejected", "#bytes in", "#p50 ms",
                "#p99 ms");
        summary.steps(namespace).forEach(s -> steps.row(s.step(), number(s.runs()), number(s.recordsRead()),
                number(s.recordsKept()), number(s.recordsRejected()), number(s.bytesIn()), number(s.durationP50()),
                number(s.durationP99())));
        steps.appendTo(out, "Pipeline steps");

        Table denials = new Table("reason", "#denials");
        summary.authorizerDenials(namespace).forEach(d -> denials.row(d.reason(), number(d.denials())));
        denials.appendTo(out, "Authorizer denials by reason");

        Table coldStarts = new Table("dimensions", "#cold starts");
        summary.coldStarts(namespace).forEach(c -> coldStarts.row(dimensions(c.dimensions()),
                number(c.coldStarts())));
        coldStarts.appendTo(out, "Cold starts");

        Table all = new Table("metric", "dimensions", "unit", "#samples", "#sum", "#p50", "#p99");
        for (MetricsSummary.Series series : summary.series()) {
            if (series.namespace().equals(namespace)) {
                all.row(series.metric(), dimensions(series.dimensions()), String.join("/", series.units()),
                        number(series.count()), number(series.sum()),
                        series.milliseconds() ? number(series.percentile(50)) : "",
                        series.milliseconds() ? number(series.percentile(99)) : "");
            }
        }
        all.appendTo(out, "All metrics");
    }

    private static String dimensions(Map<String, String> dimensions) {
        return dimensions.isEmpty() ? "(none)" : dimensions.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", "));
    }

    /** Whole numbers as they are, others to three decimals (three significant digits below 1), with separators. */
    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        if (Math.abs(value) < 1) {
            return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%,.3f", value).replaceAll("\\.?0+$", "");
    }

    private static String number(OptionalDouble value) {
        return value.isPresent() ? number(value.getAsDouble()) : "";
    }

    /** Columns whose header starts with {@code #} hold numbers, aligned right (the {@code #} is not shown). */
    private static final class Table {

        private final String[] headers;
        private final boolean[] numeric;
        private final List<String[]> rows = new ArrayList<>();

        Table(String... headers) {
            this.headers = new String[headers.length];
            this.numeric = new boolean[headers.length];
            for (int i = 0; i < headers.length; i++) {
                numeric[i] = headers[i].startsWith("#");
                this.headers[i] = numeric[i] ? headers[i].substring(1) : headers[i];
            }
        }

        void row(String... cells) {
            rows.add(cells);
        }

        void appendTo(StringBuilder out, String title) {
            out.append("\n  ").append(title).append('\n');
            if (rows.isEmpty()) {
                out.append("    (none)\n");
                return;
            }
            int[] widths = new int[headers.length];
            for (int i = 0; i < headers.length; i++) {
                widths[i] = headers[i].length();
                for (String[] row : rows) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            line(out, headers, widths);
            rows.forEach(row -> line(out, row, widths));
        }

        private void line(StringBuilder out, String[] cells, int[] widths) {
            StringBuilder line = new StringBuilder("    ");
            for (int i = 0; i < cells.length; i++) {
                String padding = " ".repeat(widths[i] - cells[i].length());
                line.append(numeric[i] ? padding + cells[i] : cells[i] + padding);
                if (i < cells.length - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    // ---- JSON ----

    public static ObjectNode json(MetricsSummary summary) {
        ObjectNode root = NODES.objectNode();
        ArrayNode sources = root.putArray("sources");
        summary.sources().forEach(sources::add);
        root.put("lines", summary.lines());
        root.put("documents", summary.documents());
        root.put("otherLines", summary.otherLines());
        root.put("firstTimestamp", summary.firstTimestamp().map(Object::toString).orElse(null));
        root.put("lastTimestamp", summary.lastTimestamp().map(Object::toString).orElse(null));
        ObjectNode malformed = root.putObject("malformed");
        malformed.put("count", summary.malformed());
        ArrayNode problems = malformed.putArray("problems");
        for (MetricsSummary.Problem problem : summary.problems()) {
            problems.addObject().put("source", problem.source()).put("line", problem.line())
                    .put("reason", problem.reason());
        }
        root.put("percentiles", "nearest rank over every sample, for millisecond metrics");
        ArrayNode namespaces = root.putArray("namespaces");
        for (String namespace : summary.namespaces()) {
            namespaces.add(namespace(summary, namespace));
        }
        return root;
    }

    private static ObjectNode namespace(MetricsSummary summary, String namespace) {
        ObjectNode node = NODES.objectNode();
        node.put("namespace", namespace);
        ArrayNode outcomes = node.putArray("jobOutcomes");
        summary.jobOutcomes(namespace).forEach(o -> outcomes.addObject().put("outcomeClass", o.outcomeClass())
                .put("code", o.code()).set("jobs", jsonNumber(o.jobs())));
        ArrayNode api = node.putArray("apiRequests");
        for (MetricsSummary.ApiRoute route : summary.apiRequests(namespace)) {
            ObjectNode item = api.addObject().put("route", route.route()).put("statusClass", route.statusClass());
            item.set("requests", jsonNumber(route.requests()));
            item.put("latencySamples", route.latencySamples());
            item.set("latencyP50", jsonNumber(route.latencyP50()));
            item.set("latencyP99", jsonNumber(route.latencyP99()));
        }
        ArrayNode steps = node.putArray("steps");
        for (MetricsSummary.StepNumbers step : summary.steps(namespace)) {
            ObjectNode item = steps.addObject().put("step", step.step()).put("runs", step.runs());
            item.set("recordsRead", jsonNumber(step.recordsRead()));
            item.set("recordsKept", jsonNumber(step.recordsKept()));
            item.set("recordsRejected", jsonNumber(step.recordsRejected()));
            item.set("bytesIn", jsonNumber(step.bytesIn()));
            item.set("durationP50", jsonNumber(step.durationP50()));
            item.set("durationP99", jsonNumber(step.durationP99()));
        }
        ArrayNode denials = node.putArray("authorizerDenials");
        summary.authorizerDenials(namespace).forEach(d -> denials.addObject().put("reason", d.reason())
                .set("denials", jsonNumber(d.denials())));
        ArrayNode coldStarts = node.putArray("coldStarts");
        for (MetricsSummary.ColdStarts cold : summary.coldStarts(namespace)) {
            ObjectNode item = coldStarts.addObject();
            item.set("dimensions", dimensionsNode(cold.dimensions()));
            item.set("coldStarts", jsonNumber(cold.coldStarts()));
        }
        ArrayNode metrics = node.putArray("metrics");
        for (MetricsSummary.Series series : summary.series()) {
            if (!series.namespace().equals(namespace)) {
                continue;
            }
            ObjectNode item = metrics.addObject().put("metric", series.metric());
            item.set("dimensions", dimensionsNode(series.dimensions()));
            ArrayNode units = item.putArray("units");
            series.units().stream().sorted().forEach(units::add);
            item.put("samples", series.count());
            item.set("sum", jsonNumber(series.sum()));
            item.set("p50", series.milliseconds() ? jsonNumber(series.percentile(50)) : NODES.nullNode());
            item.set("p99", series.milliseconds() ? jsonNumber(series.percentile(99)) : NODES.nullNode());
        }
        return node;
    }

    private static ObjectNode dimensionsNode(Map<String, String> dimensions) {
        ObjectNode node = NODES.objectNode();
        dimensions.forEach(node::put);
        return node;
    }

    private static JsonNode jsonNumber(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? NODES.numberNode((long) value)
                : NODES.numberNode(value);
    }

    private static JsonNode jsonNumber(OptionalDouble value) {
        return value.isPresent() ? jsonNumber(value.getAsDouble()) : NODES.nullNode();
    }
}
