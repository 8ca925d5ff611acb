package dev.persona.local.metrics;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.OperationalMetrics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The summary of EMF lines: every metric's samples, exact percentiles, and the dashboard's views. */
class MetricsSummaryTest {

    private static final String NS = "PersonaPipeline";

    private final MetricsSummary summary = new MetricsSummary();
    private long line;

    /** One document of namespace {@link #NS}: {@code metrics} (name to unit) over {@code dimensionSets}. */
    private void emit(Map<String, String> metrics, List<List<String>> dimensionSets, String members) {
        String definitions = metrics.entrySet().stream().map(m -> "{\"Name\":\"" + m.getKey() + "\",\"Unit\":\""
                + m.getValue() + "\"}").collect(Collectors.joining(","));
        String sets = dimensionSets.stream().map(set -> set.stream().map(d -> "\"" + d + "\"")
                .collect(Collectors.joining(",", "[", "]"))).collect(Collectors.joining(","));
        summary.accept("log", ++line, "{\"_aws\":{\"Timestamp\":" + (1767225600000L + line) + ",\"CloudWatchMetrics\":"
                + "[{\"Namespace\":\"" + NS + "\",\"Dimensions\":[" + sets + "],\"Metrics\":[" + definitions + "]}]},"
                + members + "}");
    }

    private void outcome(String outcomeClass, String code) {
        emit(Map.of(OperationalMetrics.JOB_OUTCOMES, "Count"), List.of(List.of(OperationalMetrics.OUTCOME_CLASS),
                List.of(OperationalMetrics.OUTCOME_CLASS, OperationalMetrics.CODE)),
                "\"OutcomeClass\":\"" + outcomeClass + "\",\"Code\":\"" + code + "\",\"JobOutcomes\":1");
    }

    private void request(String route, String statusClass, String latencies) {
        emit(new TreeMap<>(Map.of(OperationalMetrics.API_REQUESTS, "Count", OperationalMetrics.API_LATENCY,
                        "Milliseconds")), List.of(List.of(OperationalMetrics.STATUS_CLASS),
                        List.of(OperationalMetrics.ROUTE, OperationalMetrics.STATUS_CLASS)),
                "\"Route\":\"" + route + "\",\"StatusClass\":\"" + statusClass + "\",\"ApiRequests\":"
                        + latencies.split(",").length + ",\"ApiLatency\":[" + latencies + "]");
    }

    @Test
    void percentilesAreTheNearestRankOverEverySample() {
        double[] four = {1, 2, 3, 4};
        assertThat(MetricsSummary.nearestRank(four, 50)).isEqualTo(2);
        assertThat(MetricsSummary.nearestRank(four, 99)).isEqualTo(4);
        assertThat(MetricsSummary.nearestRank(four, 0)).isEqualTo(1);
        assertThat(MetricsSummary.nearestRank(new double[] {7}, 99)).isEqualTo(7);
        double[] hundred = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();
        assertThat(MetricsSummary.nearestRank(hundred, 50)).isEqualTo(50);
        assertThat(MetricsSummary.nearestRank(hundred, 99)).isEqualTo(99);
        assertThat(MetricsSummary.nearestRank(hundred, 100)).isEqualTo(100);
        assertThatThrownBy(() -> MetricsSummary.nearestRank(new double[0], 50))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMetricGathersTheSamplesOfEveryDocumentInAnyOrderOfArrival() {
        for (int value : new int[] {40, 10, 30, 20}) {
            emit(Map.of(OperationalMetrics.STEP_DURATION, "Milliseconds"), List.of(List.of(OperationalMetrics.STEP)),
                    "\"Step\":\"categorize\",\"StepDuration\":[" + value + "," + (value + 1) + "]");
        }
        MetricsSummary.Series duration = summary.find(NS, OperationalMetrics.STEP_DURATION,
                Map.of(OperationalMetrics.STEP, "categorize")).orElseThrow();

        assertThat(duration.count()).isEqualTo(8);
        assertThat(duration.sum()).isEqualTo(204);
        assertThat(duration.percentile(50)).isEqualTo(21);
        assertThat(duration.percentile(99)).isEqualTo(41);
        assertThat(duration.milliseconds()).isTrue();
        emit(Map.of(OperationalMetrics.STEP_DURATION, "Milliseconds"), List.of(List.of(OperationalMetrics.STEP)),
                "\"Step\":\"categorize\",\"StepDuration\":1");
        assertThat(duration.percentile(50)).isEqualTo(21);
        assertThat(duration.percentile(0)).isEqualTo(1);
    }

    @Test
    void jobOutcomesByCodeComeFromTheClassAndCodeSetInClassOrder() {
        outcome("system", "TimedOut");
        outcome("success", "Succeeded");
        outcome("user", "UnsupportedFormat");
        outcome("success", "Succeeded");
        outcome("user", "EmptyUpload");

        assertThat(summary.jobOutcomes(NS)).containsExactly(
                new MetricsSummary.JobOutcome("success", "Succeeded", 2),
                new MetricsSummary.JobOutcome("user", "EmptyUpload", 1),
                new MetricsSummary.JobOutcome("user", "UnsupportedFormat", 1),
                new MetricsSummary.JobOutcome("system", "TimedOut", 1));
        assertThat(summary.find(NS, OperationalMetrics.JOB_OUTCOMES, Map.of(OperationalMetrics.OUTCOME_CLASS,
                "success")).orElseThrow().sum()).isEqualTo(2);
        assertThat(summary.jobOutcomes("Other")).isEmpty();
    }

    @Test
    void apiRequestsByRouteAndStatusClassCarryTheirLatencyPercentiles() {
        request("GET /v1/jobs/{jobId}", "2xx", "5,9,12");
        request("GET /v1/jobs/{jobId}", "2xx", "30");
        request("GET /v1/jobs/{jobId}", "4xx", "3");
        request("POST /v1/uploads", "2xx", "80,20");

        assertThat(summary.apiRequests(NS)).containsExactly(
                new MetricsSummary.ApiRoute("GET /v1/jobs/{jobId}", "2xx", 4, 4, OptionalDouble.of(9),
                        OptionalDouble.of(30)),
                new MetricsSummary.ApiRoute("GET /v1/jobs/{jobId}", "4xx", 1, 1, OptionalDouble.of(3),
                        OptionalDouble.of(3)),
                new MetricsSummary.ApiRoute("POST /v1/uploads", "2xx", 2, 2, OptionalDouble.of(20),
                        OptionalDouble.of(80)));
    }

    @Test
    void pipelineStepsTakeTheirNumbersFromTheStepSetOnly() {
        emit(new TreeMap<>(Map.of(OperationalMetrics.RECORDS_READ, "Count", OperationalMetrics.RECORDS_KEPT, "Count",
                        OperationalMetrics.BYTES_IN, "Bytes", OperationalMetrics.STEP_DURATION, "Milliseconds")),
                List.of(List.of(OperationalMetrics.STEP)), "\"Step\":\"preprocess\",\"RecordsRead\":3000,"
                        + "\"RecordsKept\":2990,\"BytesIn\":1048576,\"StepDuration\":812");
        emit(Map.of(OperationalMetrics.RECORDS_REJECTED, "Count"), List.of(List.of(OperationalMetrics.STEP),
                List.of(OperationalMetrics.STEP, OperationalMetrics.REASON)),
                "\"Step\":\"preprocess\",\"Reason\":\"bad-timestamp\",\"RecordsRejected\":10");
        emit(Map.of(OperationalMetrics.STEP_DURATION, "Milliseconds"), List.of(List.of(OperationalMetrics.STEP)),
                "\"Step\":\"categorize\",\"StepDuration\":[100,300]");

        assertThat(summary.steps(NS)).containsExactly(
                new MetricsSummary.StepNumbers("categorize", 0, 0, 0, 0, 2, OptionalDouble.of(100),
                        OptionalDouble.of(300)),
                new MetricsSummary.StepNumbers("preprocess", 3000, 2990, 10, 1048576, 1, OptionalDouble.of(812),
                        OptionalDouble.of(812)));
    }

    @Test
    void denialsAndColdStartsAreListed() {
        emit(Map.of(OperationalMetrics.AUTHORIZER_DENIALS, "Count"), List.of(List.of(OperationalMetrics.REASON)),
                "\"Reason\":\"expired\",\"AuthorizerDenials\":1");
        emit(Map.of(OperationalMetrics.AUTHORIZER_DENIALS, "Count"), List.of(List.of(OperationalMetrics.REASON)),
                "\"Reason\":\"expired\",\"AuthorizerDenials\":1");
        emit(Map.of(OperationalMetrics.COLD_START, "Count"), List.of(List.of("function_name", "service")),
                "\"function_name\":\"jobs\",\"service\":\"persona-pipeline\",\"ColdStart\":1");

        assertThat(summary.authorizerDenials(NS)).containsExactly(new MetricsSummary.Denials("expired", 2));
        assertThat(summary.coldStarts(NS)).containsExactly(new MetricsSummary.ColdStarts(new TreeMap<>(Map.of(
                "function_name", "jobs", "service", "persona-pipeline")), 1));
    }

    @Test
    void otherLinesAreSkippedAndMalformedDocumentsCountedWithWhereAndWhy() {
        summary.accept("a.log", 1, "{\"level\":\"INFO\",\"message\":\"started\"}");
        summary.accept("a.log", 2, "not json");
        summary.accept("a.log", 3, "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\"}]}}");
        summary.accept("b.log", 7, "{\"_aws\":{\"Timestamp\":1,");
        for (int i = 0; i < MetricsSummary.PROBLEMS_KEPT + 5; i++) {
            summary.accept("c.log", i + 1, "{\"_aws\":[]}");
        }

        assertThat(summary.lines()).isEqualTo(4 + MetricsSummary.PROBLEMS_KEPT + 5);
        assertThat(summary.otherLines()).isEqualTo(2);
        assertThat(summary.documents()).isZero();
        assertThat(summary.malformed()).isEqualTo(2 + MetricsSummary.PROBLEMS_KEPT + 5);
        assertThat(summary.problems()).hasSize(MetricsSummary.PROBLEMS_KEPT);
        assertThat(summary.problems().get(0)).isEqualTo(new MetricsSummary.Problem("a.log", 3,
                "_aws.CloudWatchMetrics[0].Dimensions is missing"));
        assertThat(summary.problems().get(1).source()).isEqualTo("b.log");
        assertThat(summary.problems().get(1).reason()).startsWith("not one JSON object");
        assertThat(summary.sources()).containsExactly("a.log", "b.log", "c.log");
        assertThat(summary.series()).isEmpty();
    }

    @Test
    void theReportShowsTheDashboardsSectionsAsTablesAndAsJson() {
        outcome("success", "Succeeded");
        outcome("system", "InternalError");
        request("GET /v1/jobs", "2xx", "4,6");
        emit(Map.of(OperationalMetrics.STEP_DURATION, "Milliseconds"), List.of(List.of(OperationalMetrics.STEP)),
                "\"Step\":\"preprocess\",\"StepDuration\":1234.5");
        summary.accept("log", ++line, "a line that is no document");
        summary.accept("log", ++line, "{\"_aws\":{}}");

        String text = MetricsReport.text(summary);
        assertThat(text).contains("Metrics of log", "6 lines: 4 EMF documents (2026-01-01T00:00:00.001Z to "
                        + "2026-01-01T00:00:00.004Z), 1 other lines skipped, 1 malformed", "Namespace PersonaPipeline",
                "Job outcomes by code", "API requests by route and status class", "Pipeline steps",
                "Authorizer denials by reason", "Cold starts", "All metrics", "Malformed EMF documents (1, all):",
                "log:6: _aws.Timestamp is missing", "Percentiles: nearest rank");
        assertThat(text).containsPattern("success\\s+Succeeded\\s+1\n").containsPattern("system\\s+InternalError\\s+1\n")
                .containsPattern("GET /v1/jobs\\s+2xx\\s+2\\s+2\\s+4\\s+6\n")
                .containsPattern("preprocess\\s+1\\s+0\\s+0\\s+0\\s+0\\s+1,234.5\\s+1,234.5\n")
                .containsPattern("StepDuration\\s+Step=preprocess\\s+Milliseconds\\s+1\\s+1,234.5\\s+1,234.5\\s+1,234.5\n")
                .containsPattern("JobOutcomes\\s+OutcomeClass=success\\s+Count\\s+1\\s+1\n");

        JsonNode json = MetricsReport.json(summary);
        assertThat(json.path("documents").asLong()).isEqualTo(4);
        assertThat(json.path("malformed").path("count").asLong()).isEqualTo(1);
        assertThat(json.at("/malformed/problems/0/line").asLong()).isEqualTo(6);
        JsonNode namespace = json.path("namespaces").get(0);
        assertThat(namespace.path("namespace").asText()).isEqualTo(NS);
        assertThat(namespace.at("/jobOutcomes/1/code").asText()).isEqualTo("InternalError");
        assertThat(namespace.at("/apiRequests/0/latencyP99").asLong()).isEqualTo(6);
        assertThat(namespace.at("/steps/0/durationP50").asDouble()).isEqualTo(1234.5);
        assertThat(namespace.path("metrics")).anySatisfy(metric -> {
            assertThat(metric.path("metric").asText()).isEqualTo("JobOutcomes");
            assertThat(metric.path("p50").isNull()).isTrue();
        });
    }
}
