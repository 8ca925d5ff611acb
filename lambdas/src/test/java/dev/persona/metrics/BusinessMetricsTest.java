package dev.persona.metrics;

import java.util.List;
import java.util.Map;

import dev.persona.contracts.OperationalMetrics;
import dev.persona.testing.TestContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The EMF documents the business metrics write, parsed as CloudWatch reads them. */
class BusinessMetricsTest {

    @Test
    void eachValueIsOneDocumentInTheNamespaceWithItsUnitAndDimensions() throws Exception {
        List<EmfCapture.Value> values = EmfCapture.during(() -> {
            BusinessMetrics metrics = BusinessMetrics.standard().during(new TestContext());
            metrics.count(OperationalMetrics.RECORDS_READ, 42, Map.of(OperationalMetrics.STEP, "preprocess"));
            metrics.milliseconds(OperationalMetrics.STEP_DURATION, 1500, Map.of(OperationalMetrics.STEP, "preprocess"));
            metrics.bytes(OperationalMetrics.BYTES_IN, 1 << 20, Map.of(OperationalMetrics.STEP, "preprocess"));
        });

        assertThat(values).containsExactly(
                new EmfCapture.Value(OperationalMetrics.NAMESPACE, OperationalMetrics.RECORDS_READ, "Count", 42,
                        Map.of(OperationalMetrics.STEP, "preprocess")),
                new EmfCapture.Value(OperationalMetrics.NAMESPACE, OperationalMetrics.STEP_DURATION, "Milliseconds",
                        1500, Map.of(OperationalMetrics.STEP, "preprocess")),
                new EmfCapture.Value(OperationalMetrics.NAMESPACE, OperationalMetrics.BYTES_IN, "Bytes", 1 << 20,
                        Map.of(OperationalMetrics.STEP, "preprocess")));
    }

    @Test
    void anInvocationWithoutALambdaContextWritesNothing() throws Exception {
        // SnapStart priming invokes handlers without a context: its rehearsals are not traffic.
        List<EmfCapture.Value> values = EmfCapture.during(() -> BusinessMetrics.standard().during(null)
                .count(OperationalMetrics.API_REQUESTS, 1, Map.of(OperationalMetrics.STATUS_CLASS, "2xx")));

        assertThat(values).isEmpty();
    }

    @Test
    void aRehearsalBeforeTheSnapshotWritesNothing() throws Exception {
        assertThat(EmfCapture.during(() -> BusinessMetrics.standard().rehearse())).isEmpty();
    }

    @Test
    void aColdStartCountsOnceForTheFirstInvocationOfItsHandler() throws Exception {
        ColdStart coldStart = new ColdStart();
        BusinessMetrics metrics = BusinessMetrics.standard().during(new TestContext());

        List<EmfCapture.Value> values = EmfCapture.during(() -> {
            coldStart.invoked(metrics, "jobs");
            coldStart.invoked(metrics, "jobs");
            new ColdStart().invoked(metrics, "notes");
        });

        assertThat(values).extracting(EmfCapture.Value::name).containsOnly(OperationalMetrics.COLD_START);
        assertThat(values).extracting(value -> value.dimensions().get("FunctionName"))
                .containsExactly("jobs", "notes");
    }
}
