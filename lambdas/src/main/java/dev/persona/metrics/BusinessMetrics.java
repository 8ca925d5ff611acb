package dev.persona.metrics;

import java.util.Map;
import java.util.Objects;

import com.amazonaws.services.lambda.runtime.Context;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.OperationalMetrics;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Writes the business metrics of {@link OperationalMetrics} as CloudWatch embedded metric format documents through
 * Powertools' Metrics. Each value is flushed at once as a document of its own ({@code flushSingleMetric}): nothing is
 * buffered between invocations, nothing is shared between functions (the local runtime runs them all in one JVM),
 * and a value is written even when the invocation fails afterwards.
 *
 * <p>In Lambda the documents go to standard output, which Lambda sends to CloudWatch Logs, where they become
 * metrics. Outside Lambda they go to standard output as well (the EMF "Local" environment), never to a CloudWatch
 * agent the EMF library would otherwise look for.
 */
public final class BusinessMetrics {

    private static final BusinessMetrics STANDARD_OUTPUT = new BusinessMetrics(fromEnvironment(),
            System.getenv().getOrDefault(EnvironmentVariables.METRICS_NAMESPACE, OperationalMetrics.NAMESPACE));

    private final Metrics metrics;
    private final String namespace;
    private final boolean writing;

    BusinessMetrics(Metrics metrics, String namespace) {
        this(metrics, namespace, true);
    }

    private BusinessMetrics(Metrics metrics, String namespace, boolean writing) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.writing = writing;
    }

    /**
     * These metrics for an invocation with this Lambda context; with none, metrics that write nothing. SnapStart
     * priming invokes handlers without a context before the snapshot, and its rehearsals must not count as requests,
     * steps or cold starts.
     */
    public BusinessMetrics during(Context context) {
        return context != null ? this : new BusinessMetrics(metrics, namespace, false);
    }

    /** The metrics of this process, in the namespace its environment names. */
    public static BusinessMetrics standard() {
        return STANDARD_OUTPUT;
    }

    private static Metrics fromEnvironment() {
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null && System.getenv("AWS_EMF_ENVIRONMENT") == null) {
            EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Local);
        }
        return MetricsFactory.getMetricsInstance();
    }

    /**
     * Builds and serializes one document the way a write does, and writes it nowhere: SnapStart priming calls this
     * before the snapshot, so that the first real write after a restore finds the EMF and Powertools classes loaded
     * and its JSON serializers built, without a rehearsal's value reaching CloudWatch.
     */
    public void rehearse() {
        try {
            DimensionSet.of(Map.of(OperationalMetrics.STEP, "rehearsal"));
            MetricsContext document = new MetricsContext();
            document.setNamespace(namespace);
            document.putDimension(software.amazon.cloudwatchlogs.emf.model.DimensionSet.of(OperationalMetrics.STEP,
                    "rehearsal"));
            document.putMetric(OperationalMetrics.STEP_DURATION, 1, Unit.MILLISECONDS);
            document.serialize();
            new EnvironmentProvider().resolveEnvironment().join();
        } catch (Exception e) {
            throw new IllegalStateException("the metrics could not be rehearsed", e);
        }
    }

    /** A count, with these dimensions (each a low-cardinality value: never a user, job or file). */
    public void count(String name, long value, Map<String, String> dimensions) {
        write(name, value, MetricUnit.COUNT, dimensions);
    }

    public void milliseconds(String name, long value, Map<String, String> dimensions) {
        write(name, value, MetricUnit.MILLISECONDS, dimensions);
    }

    public void bytes(String name, long value, Map<String, String> dimensions) {
        write(name, value, MetricUnit.BYTES, dimensions);
    }

    private void write(String name, double value, MetricUnit unit, Map<String, String> dimensions) {
        if (!writing) {
            return;
        }
        metrics.flushSingleMetric(name, value, unit, namespace, DimensionSet.of(dimensions));
    }
}
