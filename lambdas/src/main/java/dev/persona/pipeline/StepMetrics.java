package dev.persona.pipeline;

import java.util.Map;

import dev.persona.contracts.OperationalMetrics;
import dev.persona.metrics.BusinessMetrics;

/**
 * What a step's result tells about the records it handled, written as business metrics with the step as dimension.
 * Results that handle records implement it; the others are measured by their duration only.
 */
public interface StepMetrics {

    /** Writes this result's counts; {@code step} is the dimension set {@code {Step: <step>}}. */
    void write(BusinessMetrics metrics, Map<String, String> step);

    /** Records read, kept and rejected by a step that reads and writes records one for one. */
    static void records(BusinessMetrics metrics, Map<String, String> step, long read, long kept, long rejected) {
        metrics.count(OperationalMetrics.RECORDS_READ, read, step);
        metrics.count(OperationalMetrics.RECORDS_KEPT, kept, step);
        metrics.count(OperationalMetrics.RECORDS_REJECTED, rejected, step);
    }
}
