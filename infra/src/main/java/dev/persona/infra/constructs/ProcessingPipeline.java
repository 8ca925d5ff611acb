package dev.persona.infra.constructs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.UploadEvents;
import dev.persona.statemachines.StateMachineDefinitions;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * The processing pipeline: every object created under {@code uploads/} starts, through an EventBridge
 * rule, an execution of the Standard workflow {@code persona-pipeline.asl.json}, which records the job's
 * status in the jobs table and runs the three step functions (preprocess, categorize, build-persona)
 * through their aliases.
 *
 * <p>The definition is the file from the statemachines module, inlined as written; its placeholders
 * become CloudFormation definition substitutions. What the steps and the state machine may do comes from the
 * permission model ({@code ModelPermissions}). Events the rule cannot deliver after its retries go to an
 * encrypted, TLS-only dead-letter queue.
 */
public final class ProcessingPipeline extends Construct {

    private final Map<FunctionDefinition, JavaFunction> steps = new LinkedHashMap<>();
    private final LogGroup executionLogs;
    private final StateMachine stateMachine;
    private final Queue deadLetterQueue;

    /**
     * @param deployment         the jar, environment values and log settings of the functions. Required
     * @param storage            the uploads bucket. Required
     * @param jobs               the jobs table, whose name the definition receives. Required
     * @param personas           the personas table, written by build-persona. Required
     * @param eventRetryAttempts how often EventBridge retries starting an execution. Default
     *                           {@link UploadEvents#RETRY_ATTEMPTS} (8)
     * @param maxEventAge        how long EventBridge keeps retrying an event. Default
     *                           {@link UploadEvents#MAX_EVENT_AGE_SECONDS} (4 hours)
     */
    public record Props(
            FunctionDeployment deployment,
            UploadsStorage storage,
            DataTable jobs,
            DataTable personas,
            Integer eventRetryAttempts,
            Duration maxEventAge) {

        public Props {
            Objects.requireNonNull(deployment, "deployment");
            Objects.requireNonNull(storage, "storage");
            Objects.requireNonNull(jobs, "jobs");
            Objects.requireNonNull(personas, "personas");
            eventRetryAttempts = eventRetryAttempts == null ? UploadEvents.RETRY_ATTEMPTS : eventRetryAttempts;
            maxEventAge = maxEventAge == null ? Duration.seconds(UploadEvents.MAX_EVENT_AGE_SECONDS) : maxEventAge;
        }
    }

    public ProcessingPipeline(Construct scope, String id, Props props) {
        super(scope, id);
        UploadsStorage storage = props.storage();
        FunctionDeployment deployment = props.deployment().withEnvironment(Map.of(
                EnvironmentVariables.UPLOADS_BUCKET, storage.bucket().getBucketName(),
                props.jobs().definition().environmentVariable(), props.jobs().table().getTableName(),
                props.personas().definition().environmentVariable(), props.personas().table().getTableName()));

        // Preprocess may spill to /tmp to de-duplicate very large uploads exactly. Lambda offers no SnapStart
        // with more than 512 MiB of /tmp, so this step starts cold: it runs asynchronously, where that costs little.
        step("Preprocess", deployment.function(LambdaFunctions.PREPROCESS, 2048,
                Duration.seconds(900), Size.gibibytes(4)));
        step("Categorize", deployment.function(LambdaFunctions.CATEGORIZE, 1536,
                Duration.seconds(900), null));
        step("BuildPersona", deployment.function(LambdaFunctions.BUILD_PERSONA, 1536,
                Duration.seconds(600), null));
        // Clean-up lists and deletes a few versions: small and short.
        step("Discard", deployment.function(LambdaFunctions.DISCARD, 512, Duration.seconds(120), null));

        executionLogs = LogGroup.Builder.create(this, "ExecutionLogs")
                .retention(deployment.logRetention())
                .removalPolicy(deployment.logRemovalPolicy())
                .build();
        stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .stateMachineType(StateMachineType.STANDARD)
                .definitionBody(DefinitionBody.fromString(StateMachineDefinitions.pipelineTemplate()))
                .definitionSubstitutions(substitutions(props.jobs()))
                .tracingEnabled(true)
                .logs(LogOptions.builder()
                        .destination(executionLogs)
                        .level(LogLevel.ALL)
                        // Inputs carry user ids and file names; the execution history keeps them already.
                        .includeExecutionData(false)
                        .build())
                .build();
        NagAcknowledgements.acknowledgeWildcards(stateMachine.getRole(), "Step Functions delivers execution logs "
                + "through CloudWatch Logs vended-log APIs and traces through X-Ray; neither supports "
                + "resource-level permissions, so those actions are granted on *.", "Resource::*");

        deadLetterQueue = DeadLetterQueues.create(this, "UndeliveredUploadEvents",
                "This queue is itself the dead-letter queue of the upload rule's target.");

        // No input transformation: the execution receives the whole event, as the definition expects.
        Rule.Builder.create(this, "UploadCreated")
                .description("Starts the persona pipeline for every object created under "
                        + UploadEvents.KEY_PREFIX)
                .eventPattern(EventPattern.builder()
                        .source(List.of(UploadEvents.SOURCE))
                        .detailType(List.of(UploadEvents.DETAIL_TYPE))
                        .detail(new TreeMap<>(Map.of(
                                "bucket", Map.of("name", List.of(storage.bucket().getBucketName())),
                                "object", Map.of("key", List.of(Map.of("prefix", UploadEvents.KEY_PREFIX))))))
                        .build())
                .targets(List.of(SfnStateMachine.Builder.create(stateMachine)
                        .deadLetterQueue(deadLetterQueue)
                        .retryAttempts(props.eventRetryAttempts())
                        .maxEventAge(props.maxEventAge())
                        .build()))
                .build();
    }

    private JavaFunction step(String id, JavaFunction.Props functionProps) {
        JavaFunction function = new JavaFunction(this, id, functionProps);
        steps.put(functionProps.definition(), function);
        return function;
    }

    /**
     * The definition's placeholders and their values: the jobs table name and each step's alias ARN.
     * Fails when they differ from the placeholders in the file, so a renamed one cannot reach a deployment.
     */
    private Map<String, String> substitutions(DataTable jobs) {
        Map<String, String> values = new LinkedHashMap<>();
        String tableKey = jobs.definition().substitutionKey();
        if (tableKey == null) {
            throw new IllegalArgumentException("table " + jobs.definition().id() + " has no substitution key");
        }
        values.put(tableKey, jobs.table().getTableName());
        for (LambdaFunctions.PipelineFunction pipelineFunction : LambdaFunctions.PIPELINE) {
            JavaFunction step = steps.get(pipelineFunction.function());
            if (step == null) {
                throw new IllegalStateException("no step deployed for " + pipelineFunction.function().id());
            }
            values.put(pipelineFunction.substitutionKey(), step.alias().getFunctionArn());
        }
        Set<String> placeholders = StateMachineDefinitions.placeholders(StateMachineDefinitions.pipelineTemplate());
        if (!placeholders.equals(values.keySet())) {
            throw new IllegalStateException("the pipeline definition's placeholders " + placeholders
                    + " differ from the substitutions " + values.keySet());
        }
        return values;
    }

    /** Where the state machine logs every execution's events (without their data). */
    public ILogGroup executionLogs() {
        return executionLogs;
    }

    public IStateMachine stateMachine() {
        return stateMachine;
    }

    /** The step functions, in pipeline order. */
    public List<JavaFunction> steps() {
        return List.copyOf(steps.values());
    }

    public IQueue deadLetterQueue() {
        return deadLetterQueue;
    }
}
