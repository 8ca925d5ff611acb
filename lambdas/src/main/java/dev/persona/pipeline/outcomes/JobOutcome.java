package dev.persona.pipeline.outcomes;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import dev.persona.contracts.OperationalMetrics;
import dev.persona.contracts.OperationalMetrics.OutcomeClass;
import dev.persona.metrics.BusinessMetrics;

/**
 * How one pipeline execution ended, as the metrics count it.
 *
 * @param outcomeClass    whose the outcome is: success, the user's (a named input error) or ours
 * @param code            {@code PersonaBuilt}, {@code NoPersona}, a named user error, or a system code
 * @param uploadToPersona from the upload's arrival to the execution's end, when a persona was built; else null
 */
public record JobOutcome(OutcomeClass outcomeClass, String code, Duration uploadToPersona) {

    public JobOutcome {
        Objects.requireNonNull(outcomeClass, "outcomeClass");
        Objects.requireNonNull(code, "code");
    }

    /**
     * Counts the outcome by class alone (what the alarms read) and by class and code (what the dashboard breaks down),
     * and the time to the persona.
     */
    public void write(BusinessMetrics metrics) {
        metrics.count(OperationalMetrics.JOB_OUTCOMES, 1,
                Map.of(OperationalMetrics.OUTCOME_CLASS, outcomeClass.wireName()));
        metrics.count(OperationalMetrics.JOB_OUTCOMES, 1,
                Map.of(OperationalMetrics.OUTCOME_CLASS, outcomeClass.wireName(), OperationalMetrics.CODE, code));
        if (uploadToPersona != null) {
            metrics.milliseconds(OperationalMetrics.UPLOAD_TO_PERSONA, uploadToPersona.toMillis(),
                    Map.of(OperationalMetrics.OUTCOME_CLASS, outcomeClass.wireName()));
        }
    }
}
