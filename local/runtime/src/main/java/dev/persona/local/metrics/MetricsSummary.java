package dev.persona.local.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.persona.contracts.OperationalMetrics;

/**
 * What a set of log lines says in metrics, as CloudWatch would hold it: every metric (namespace, name and dimension
 * values) with all its samples, and what an operator reads off the dashboard: job outcomes by code, API requests by
 * route and status class, the pipeline's steps, the authorizer's denials, cold starts. Lines that are no EMF
 * documents are counted and skipped; malformed documents are counted with the first few reasons, never fatal.
 *
 * <p>Percentiles are exact, over every sample, by the nearest-rank method: the p-th percentile of n samples is the
 * ⌈p/100 × n⌉-th smallest (so p50 of 1, 2, 3, 4 is 2, and p99 of 100 samples the 99th smallest). They are given for
 * millisecond metrics only.
 */
public final class MetricsSummary {

    /** How many malformed documents are kept with their reasons. */
    public static final int PROBLEMS_KEPT = 20;

    private final Map<Key, Series> series = new HashMap<>();
    private final Set<String> sources = new LinkedHashSet<>();
    private final List<Problem> problems = new ArrayList<>();
    private long lines;
    private long documents;
    private long otherLines;
    private long malformed;
    private Instant first;
    private Instant last;

    /** A malformed document: where it is and the rule it breaks. */
    public record Problem(String source, long line, String reason) {
    }

    private record Key(String namespace, String metric, SortedMap<String, String> dimensions) {
    }

    /** Reads every line of the files, in order. Bytes that are not UTF-8 are read as replacement characters. */
    public static MetricsSummary read(List<Path> files) throws IOException {
        MetricsSummary summary = new MetricsSummary();
        for (Path file : files) {
            summary.sources.add(file.toString());
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                    StandardCharsets.UTF_8))) {
                long number = 0;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    summary.accept(file.toString(), ++number, line);
                }
            }
        }
        return summary;
    }

    /** Takes one line of {@code source}. */
    public void accept(String source, long lineNumber, String line) {
        sources.add(source);
        lines++;
        switch (EmfParser.parse(line)) {
            case EmfParser.NotEmf ignored -> otherLines++;
            case EmfParser.Malformed bad -> {
                malformed++;
                if (problems.size() < PROBLEMS_KEPT) {
                    problems.add(new Problem(source, lineNumber, bad.reason()));
                }
            }
            case EmfParser.Document document -> {
                documents++;
                first = first == null || document.timestamp().isBefore(first) ? document.timestamp() : first;
                last = last == null || document.timestamp().isAfter(last) ? document.timestamp() : last;
                for (EmfParser.Sample sample : document.samples()) {
                    series.computeIfAbsent(new Key(sample.namespace(), sample.metric(), sample.dimensions()),
                            key -> new Series(key.namespace(), key.metric(), key.dimensions())).add(sample);
                }
            }
        }
    }

    public List<String> sources() {
        return List.copyOf(sources);
    }

    public long lines() {
        return lines;
    }

    /** Valid EMF documents. */
    public long documents() {
        return documents;
    }

    /** Lines that are no EMF documents. */
    public long otherLines() {
        return otherLines;
    }

    public long malformed() {
        return malformed;
    }

    /** The first {@link #PROBLEMS_KEPT} malformed documents. */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** The earliest and latest document time stamps; empty without documents. */
    public Optional<Instant> firstTimestamp() {
        return Optional.ofNullable(first);
    }

    public Optional<Instant> lastTimestamp() {
        return Optional.ofNullable(last);
    }

    /** Every metric, by namespace, name and dimension values. */
    public List<Series> series() {
        return series.values().stream().sorted(Series.ORDER).toList();
    }

    public Set<String> namespaces() {
        return new TreeSet<>(series.values().stream().map(Series::namespace).toList());
    }

    /** The metric of {@code namespace} named {@code metric} whose dimensions are exactly {@code dimensions}. */
    public Optional<Series> find(String namespace, String metric, Map<String, String> dimensions) {
        return Optional.ofNullable(series.get(new Key(namespace, metric, new TreeMap<>(dimensions))));
    }

    /** The metrics of {@code namespace} named {@code metric} whose dimension names are exactly {@code names}. */
    private List<Series> byDimensions(String namespace, String metric, Set<String> names) {
        return series().stream().filter(s -> s.namespace().equals(namespace) && s.metric().equals(metric)
                && s.dimensions().keySet().equals(names)).toList();
    }

    // ---- the dashboard's views ----

    /** Finished jobs of an outcome class and code ({@code JobOutcomes} by {@code OutcomeClass} and {@code Code}). */
    public record JobOutcome(String outcomeClass, String code, double jobs) {
    }

    public List<JobOutcome> jobOutcomes(String namespace) {
        List<String> classes = Arrays.stream(OperationalMetrics.OutcomeClass.values())
                .map(OperationalMetrics.OutcomeClass::wireName).toList();
        Comparator<JobOutcome> byClass = Comparator.comparingInt(outcome -> {
            int index = classes.indexOf(outcome.outcomeClass());
            return index < 0 ? classes.size() : index;
        });
        return byDimensions(namespace, OperationalMetrics.JOB_OUTCOMES,
                Set.of(OperationalMetrics.OUTCOME_CLASS, OperationalMetrics.CODE)).stream()
                .map(s -> new JobOutcome(s.dimension(OperationalMetrics.OUTCOME_CLASS),
                        s.dimension(OperationalMetrics.CODE), s.sum()))
                .sorted(byClass.thenComparing(JobOutcome::outcomeClass).thenComparing(JobOutcome::code))
                .toList();
    }

    /**
     * Responses of one route and status class ({@code ApiRequests}) with the latency's sample count and percentiles
     * ({@code ApiLatency}); empty when the metric has no samples there.
     */
    public record ApiRoute(String route, String statusClass, double requests, long latencySamples,
                           OptionalDouble latencyP50, OptionalDouble latencyP99) {
    }

    public List<ApiRoute> apiRequests(String namespace) {
        Set<String> names = Set.of(OperationalMetrics.ROUTE, OperationalMetrics.STATUS_CLASS);
        Set<SortedMap<String, String>> keys = new TreeSet<>(Series.DIMENSION_ORDER);
        byDimensions(namespace, OperationalMetrics.API_REQUESTS, names).forEach(s -> keys.add(s.dimensions()));
        byDimensions(namespace, OperationalMetrics.API_LATENCY, names).forEach(s -> keys.add(s.dimensions()));
        return keys.stream().map(dimensions -> {
            Optional<Series> requests = find(namespace, OperationalMetrics.API_REQUESTS, dimensions);
            Optional<Series> latency = find(namespace, OperationalMetrics.API_LATENCY, dimensions);
            return new ApiRoute(dimensions.get(OperationalMetrics.ROUTE), dimensions.get(OperationalMetrics.STATUS_CLASS),
                    requests.map(Series::sum).orElse(0.0), latency.map(Series::count).orElse(0L),
                    percentile(latency, 50), percentile(latency, 99));
        }).toList();
    }

    /** One pipeline step's numbers: records read, kept and rejected, bytes in, and its duration. */
    public record StepNumbers(String step, double recordsRead, double recordsKept, double recordsRejected,
                              double bytesIn, long runs, OptionalDouble durationP50, OptionalDouble durationP99) {
    }

    public List<StepNumbers> steps(String namespace) {
        Set<String> names = Set.of(OperationalMetrics.STEP);
        List<String> metrics = List.of(OperationalMetrics.RECORDS_READ, OperationalMetrics.RECORDS_KEPT,
                OperationalMetrics.RECORDS_REJECTED, OperationalMetrics.BYTES_IN, OperationalMetrics.STEP_DURATION);
        Set<String> steps = new TreeSet<>();
        for (String metric : metrics) {
            byDimensions(namespace, metric, names).forEach(s -> steps.add(s.dimension(OperationalMetrics.STEP)));
        }
        return steps.stream().map(step -> {
            Map<String, String> dimensions = Map.of(OperationalMetrics.STEP, step);
            Optional<Series> duration = find(namespace, OperationalMetrics.STEP_DURATION, dimensions);
            return new StepNumbers(step, sum(namespace, OperationalMetrics.RECORDS_READ, dimensions),
                    sum(namespace, OperationalMetrics.RECORDS_KEPT, dimensions),
                    sum(namespace, OperationalMetrics.RECORDS_REJECTED, dimensions),
                    sum(namespace, OperationalMetrics.BYTES_IN, dimensions), duration.map(Series::count).orElse(0L),
                    percentile(duration, 50), percentile(duration, 99));
        }).toList();
    }

    /** Requests the authorizer denied for one reason ({@code AuthorizerDenials} by {@code Reason}). */
    public record Denials(String reason, double denials) {
    }

    public List<Denials> authorizerDenials(String namespace) {
        return byDimensions(namespace, OperationalMetrics.AUTHORIZER_DENIALS, Set.of(OperationalMetrics.REASON))
                .stream().map(s -> new Denials(s.dimension(OperationalMetrics.REASON), s.sum())).toList();
    }

    /** Cold starts ({@code ColdStart}) under one set of dimension values (Powertools': the function and service). */
    public record ColdStarts(SortedMap<String, String> dimensions, double coldStarts) {
    }

    public List<ColdStarts> coldStarts(String namespace) {
        return series().stream().filter(s -> s.namespace().equals(namespace)
                        && s.metric().equals(OperationalMetrics.COLD_START))
                .map(s -> new ColdStarts(s.dimensions(), s.sum())).toList();
    }

    private double sum(String namespace, String metric, Map<String, String> dimensions) {
        return find(namespace, metric, dimensions).map(Series::sum).orElse(0.0);
    }

    private static OptionalDouble percentile(Optional<Series> series, double p) {
        return series.filter(s -> s.count() > 0).map(s -> OptionalDouble.of(s.percentile(p)))
                .orElse(OptionalDouble.empty());
    }

    /**
     * The p-th percentile of {@code sorted} (ascending, not empty) by the nearest-rank method: the ⌈p/100 × n⌉-th
     * smallest sample, the first for p = 0.
     */
    static double nearestRank(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("a percentile is between 0 and 100: " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** One metric and every sample of it. */
    public static final class Series {

        static final Comparator<SortedMap<String, String>> DIMENSION_ORDER =
                Comparator.comparing(dimensions -> dimensions.toString());
        static final Comparator<Series> ORDER = Comparator.comparing(Series::namespace)
                .thenComparing(Series::metric).thenComparing(Series::dimensions, DIMENSION_ORDER);

        private final String namespace;
        private final String metric;
        private final SortedMap<String, String> dimensions;
        private final Set<String> units = new TreeSet<>();
        private double[] values = new double[8];
        private int count;
        private double sum;
        private boolean sorted;

        Series(String namespace, String metric, SortedMap<String, String> dimensions) {
            this.namespace = namespace;
            this.metric = metric;
            this.dimensions = dimensions;
        }

        void add(EmfParser.Sample sample) {
            units.add(sample.unit());
            for (double value : sample.values()) {
                if (count == values.length) {
                    values = Arrays.copyOf(values, count * 2);
                }
                values[count++] = value;
                sum += value;
                sorted = false;
            }
        }

        public String namespace() {
            return namespace;
        }

        public String metric() {
            return metric;
        }

        /** Dimension name to value, by name; empty for a metric without dimensions. */
        public SortedMap<String, String> dimensions() {
            return dimensions;
        }

        String dimension(String name) {
            return Objects.requireNonNull(dimensions.get(name), name);
        }

        /** The units its documents gave it (one, unless they disagree). */
        public Set<String> units() {
            return Set.copyOf(units);
        }

        /** Whether every document measured it in milliseconds. */
        public boolean milliseconds() {
            return units.equals(Set.of("Milliseconds"));
        }

        /** Samples: each number, and each element of an array of numbers. */
        public long count() {
            return count;
        }

        public double sum() {
            return sum;
        }

        /** The p-th percentile by the nearest-rank method (see {@link MetricsSummary}). */
        public double percentile(double p) {
            if (!sorted) {
                values = Arrays.copyOf(values, count);
                Arrays.sort(values);
                sorted = true;
            }
            return nearestRank(values, p);
        }
    }
}
