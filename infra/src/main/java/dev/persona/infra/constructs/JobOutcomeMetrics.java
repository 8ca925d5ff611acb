package dev.persona.infra.constructs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.persona.contracts.ExecutionStatusEvents;
import dev.persona.contracts.LambdaFunctions;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * The job-outcomes function on the pipeline's ended executions ({@link ExecutionStatusEvents}): an EventBridge rule
 * with retries and a dead-letter queue. The function writes the job-outcome metrics the paging alarms and the
 * dashboard read; it reaches no data.
 */
public final class JobOutcomeMetrics extends Construct {

    private final JavaFunction function;
    private final Queue undeliveredEvents;

    /**
     * @param deployment   the jar, environment values and log settings of the function. Required
     * @param stateMachine the pipeline whose executions are counted. Required
     */
    public record Props(FunctionDeployment deployment, IStateMachine stateMachine) {

        public Props {
            Objects.requireNonNull(deployment, "deployment");
            Objects.requireNonNull(stateMachine, "stateMachine");
        }
    }

    public JobOutcomeMetrics(Construct scope, String id, Props props) {
        super(scope, id);
        function = new JavaFunction(this, "JobOutcomes",
                props.deployment().function(LambdaFunctions.JOB_OUTCOMES, 512, Duration.seconds(10), null));
        undeliveredEvents = DeadLetterQueues.create(this, "UndeliveredOutcomeEvents",
                "This queue is itself the dead-letter queue of the job-outcome rule's target.");
        Rule.Builder.create(this, "ExecutionEnded")
                .description("Counts the outcome of every pipeline execution that ended")
                .eventPattern(EventPattern.builder()
                        .source(List.of(ExecutionStatusEvents.SOURCE))
                        .detailType(List.of(ExecutionStatusEvents.DETAIL_TYPE))
                        .detail(new TreeMap<>(Map.of(
                                "stateMachineArn", List.of(props.stateMachine().getStateMachineArn()),
                                "status", ExecutionStatusEvents.ENDED_STATUSES)))
                        .build())
                .targets(List.of(LambdaFunction.Builder.create(function.alias())
                        .deadLetterQueue(undeliveredEvents)
                        .retryAttempts(ExecutionStatusEvents.RETRY_ATTEMPTS)
                        .maxEventAge(Duration.seconds(ExecutionStatusEvents.MAX_EVENT_AGE_SECONDS))
                        .build()))
                .build();
    }

    public JavaFunction function() {
        return function;
    }

    /** Events the rule could not deliver: outcomes not counted. */
    public Queue undeliveredEvents() {
        return undeliveredEvents;
    }
}
