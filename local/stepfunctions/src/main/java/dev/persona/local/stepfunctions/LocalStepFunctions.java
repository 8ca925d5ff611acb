package dev.persona.local.stepfunctions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.definition.DefinitionParser;
import dev.persona.local.stepfunctions.asl.definition.DefinitionProblem;
import dev.persona.local.stepfunctions.asl.definition.InvalidDefinitionException;
import dev.persona.local.stepfunctions.asl.definition.StateMachineDefinition;
import dev.persona.local.stepfunctions.asl.exec.ExecutionHistory;
import dev.persona.local.stepfunctions.asl.exec.ExecutionIdentity;
import dev.persona.local.stepfunctions.asl.exec.ExecutionJournal;
import dev.persona.local.stepfunctions.asl.exec.ExecutionLimits;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.asl.exec.ExecutionRun;
import dev.persona.local.stepfunctions.asl.exec.ExecutionServices;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.asl.exec.HistoryEvent;
import dev.persona.local.stepfunctions.asl.exec.Interpreter;
import dev.persona.local.stepfunctions.asl.exec.MapRun;
import dev.persona.local.stepfunctions.asl.states.State;
import dev.persona.local.stepfunctions.store.FileServiceStore;
import dev.persona.local.stepfunctions.store.ServiceStore;
import dev.persona.local.stepfunctions.tasks.IntegrationClientFactory;
import dev.persona.local.stepfunctions.tasks.IntegrationClients;
import dev.persona.local.stepfunctions.tasks.TaskResourceRegistry;
import dev.persona.local.stepfunctions.tasks.TaskTokens;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctions;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaInvokeAuthorizer;
import dev.persona.local.stepfunctions.time.SystemTimeSource;
import dev.persona.local.stepfunctions.time.TimeSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A local AWS Step Functions: state machines with versions, aliases and tags; executions running concurrently on
 * a bounded pool, redrivable, and (with a data directory) surviving a restart; task tokens; Map Runs; and the
 * operations of the Step Functions API as Java methods (the HTTP endpoint is
 * {@link dev.persona.local.stepfunctions.api.StepFunctionsServer}). Errors are {@link StepFunctionsException}s
 * named as on the wire.
 */
public final class LocalStepFunctions implements AutoCloseable {

    public static final String DEFAULT_ACCOUNT_ID = "123456789012";
    public static final String DEFAULT_REGION = "us-east-1";
    /** AWS's limit on definitions. */
    private static final int MAX_DEFINITION_BYTES = 1_048_576;
    private static final String TEST_STATE_NAME = "TestState";
    /** How long {@link #close()} lets abandoned attempts wind down before interrupting their threads. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final String accountId;
    private final String region;
    private final TimeSource time;
    private final ExecutionLimits limits;
    private final Arns arns;
    private final LambdaFunctions lambdaFunctions;
    private final TaskResourceRegistry taskResources;
    private final TaskTokens tokens;
    private final ExecutorService executionThreads;
    private final ExecutorService branchThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<ExecutionListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutionStatusChangeEvents statusChanges;
    private final MapRunRegistry mapRuns = new MapRunRegistry();
    private final ExecutionServices services;
    private final StateMachineRegistry stateMachines;
    private final ExecutionRegistry executions;
    private final boolean durable;

    private LocalStepFunctions(Builder builder) {
        this.accountId = builder.accountId;
        this.region = builder.region;
        this.time = builder.time;
        this.limits = builder.limits;
        this.arns = new Arns(region, accountId);
        this.lambdaFunctions = new LambdaFunctions(accountId, region, builder.functionLogs);
        this.taskResources = new TaskResourceRegistry(lambdaFunctions, builder.authorizer, builder.clients(),
                builder.integrationClients != null || builder.dynamoDb != null,
                builder.integrationClients != null || builder.s3 != null);
        this.tokens = new TaskTokens(time);
        this.executionThreads = Executors.newFixedThreadPool(builder.executionThreads, executionThreadFactory());
        RandomGenerator random = RandomGenerator.getDefault();
        this.services = new ExecutionServices(time, taskResources, tokens, branchThreads, limits, random, mapRuns);
        ServiceStore store = builder.dataDirectory == null ? ServiceStore.MEMORY
                : new FileServiceStore(builder.dataDirectory);
        this.durable = builder.dataDirectory != null;
        this.stateMachines = new StateMachineRegistry(arns, time, store, this::parseStored, random);
        this.statusChanges = new ExecutionStatusChangeEvents(accountId, region);
        builder.statusChangeListeners.forEach(statusChanges::addListener);
        this.executions = new ExecutionRegistry(arns, region, services, executionThreads, stateMachines, store,
                this::notifyListeners, statusChanges);
        this.executions.loadStored(this::parseStored);
        if (builder.listener != null) {
            listeners.add(builder.listener);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private static ThreadFactory executionThreadFactory() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "sfn-execution-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public String accountId() {
        return accountId;
    }

    public String region() {
        return region;
    }

    public TimeSource time() {
        return time;
    }

    /** True when state machines and executions are kept in a data directory. */
    public boolean durable() {
        return durable;
    }

    /** Where functions are registered for {@code lambda:invoke} and function ARN resources. */
    public LambdaFunctions lambdaFunctions() {
        return lambdaFunctions;
    }

    /** Where further Task resources can be registered. */
    public TaskResourceRegistry taskResources() {
        return taskResources;
    }

    public void addListener(ExecutionListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /**
     * Subscribes to the "Step Functions Execution Status Change" events of STANDARD executions, shaped as Step
     * Functions sends them to EventBridge: RUNNING when an execution starts or is redriven, then how it ended
     * (SUCCEEDED, FAILED, TIMED_OUT, ABORTED). See {@link ExecutionStatusChangeListener} for when they come. With a
     * data directory, the changes recorded and not delivered before a restart come at {@link #resumeExecutions()}:
     * subscribe before calling it.
     */
    public void addStatusChangeListener(ExecutionStatusChangeListener listener) {
        statusChanges.addListener(listener);
    }

    private void notifyListeners(Execution execution) {
        for (ExecutionListener listener : listeners) {
            listener.statusChanged(execution);
        }
    }

    public String stateMachineArn(String name) {
        return arns.stateMachine(name);
    }

    /**
     * Delivers the status changes recorded and not yet delivered when the data directory was last used, then
     * continues the executions that were running, from their recorded events. Call it once the functions their
     * tasks invoke and the status change listeners are registered.
     */
    public void resumeExecutions() {
        executions.resumeStored();
    }

    // ---- definitions ----

    /** Every problem of {@code definition} (errors and warnings), Task resources that cannot run locally included. */
    public List<DefinitionProblem> validateDefinition(String definition) {
        return validateDefinition(definition, StateMachineType.STANDARD);
    }

    /** Like {@link #validateDefinition(String)} for a state machine of {@code type}. */
    public List<DefinitionProblem> validateDefinition(String definition, StateMachineType type) {
        return DefinitionParser.validate(definition, taskResources::problem, type == StateMachineType.EXPRESS);
    }

    private StateMachineDefinition parse(String definition) {
        if (definition == null || definition.getBytes(StandardCharsets.UTF_8).length > MAX_DEFINITION_BYTES) {
            throw new StepFunctionsException("InvalidDefinition", "Invalid State Machine Definition: 'The definition "
                    + "is larger than " + MAX_DEFINITION_BYTES + " bytes'");
        }
        try {
            return DefinitionParser.parse(definition, taskResources::problem);
        } catch (InvalidDefinitionException e) {
            throw new StepFunctionsException("InvalidDefinition", e.getMessage());
        }
    }

    /**
     * A definition read back from a data directory: valid when it was created; resources this service cannot run
     * fail their tasks when they run.
     */
    private StateMachineDefinition parseStored(String definition) {
        return DefinitionParser.parse(definition, resource -> Optional.empty());
    }

    private StateMachineDefinition parseNew(String definition, StateMachineType type) {
        if (type == StateMachineType.EXPRESS) {
            List<DefinitionProblem> errors = validateDefinition(definition, type).stream()
                    .filter(DefinitionProblem::isError).toList();
            if (!errors.isEmpty()) {
                throw new StepFunctionsException("InvalidDefinition", new InvalidDefinitionException(errors)
                        .getMessage());
            }
        }
        return parse(definition);
    }

    // ---- state machines ----

    /** Creates a state machine; creating the same one again (same definition and type) returns it. */
    public StateMachineRecord createStateMachine(String name, String definition, String roleArn,
                                                 StateMachineType type) {
        return createStateMachine(name, definition, roleArn, type, Map.of(), false, null).revision();
    }

    /** CreateStateMachine with tags, publishing version 1 when {@code publish}. */
    public StateMachineChange createStateMachine(String name, String definition, String roleArn, StateMachineType type,
                                                 Map<String, String> tags, boolean publish,
                                                 String versionDescription) {
        parseNew(definition, type);
        return stateMachines.create(name, definition, roleArn, type, tags, publish, versionDescription);
    }

    /** Replaces the definition and/or the role (null keeps it); running executions keep their definition. */
    public StateMachineRecord updateStateMachine(String arn, String definition, String roleArn) {
        return updateStateMachine(arn, definition, roleArn, false, null).revision();
    }

    /** UpdateStateMachine, publishing a version of the new revision when {@code publish}. */
    public StateMachineChange updateStateMachine(String arn, String definition, String roleArn, boolean publish,
                                                 String versionDescription) {
        if (definition != null) {
            parseNew(definition, stateMachines.describe(arn).type());
        }
        return stateMachines.update(arn, definition, roleArn, publish, versionDescription);
    }

    /** The current revision of a state machine, or the revision of a version ARN. */
    public StateMachineRecord describeStateMachine(String arn) {
        return stateMachines.describe(arn);
    }

    public StateMachineVersion describeStateMachineVersion(String versionArn) {
        return stateMachines.describeVersion(versionArn);
    }

    /** All state machines, oldest first. */
    public List<StateMachineRecord> listStateMachines() {
        return stateMachines.list();
    }

    /** Deletes a state machine with its versions and aliases; its executions are kept, running ones are stopped. */
    public void deleteStateMachine(String arn) {
        if (stateMachines.delete(arn)) {
            executions.running().stream().filter(e -> e.stateMachine().arn().equals(arn))
                    .forEach(e -> e.run().stop(null, "The state machine was deleted"));
        }
    }

    public StateMachineVersion publishStateMachineVersion(String arn, String revisionId, String description) {
        return stateMachines.publish(arn, revisionId, description);
    }

    /** Newest first. */
    public List<StateMachineVersion> listStateMachineVersions(String arn) {
        return stateMachines.versions(arn);
    }

    public void deleteStateMachineVersion(String versionArn) {
        stateMachines.deleteVersion(versionArn);
    }

    public StateMachineAlias createStateMachineAlias(String name, String description,
                                                     List<StateMachineAlias.Route> routing) {
        return stateMachines.createAlias(name, description, routing);
    }

    public StateMachineAlias describeStateMachineAlias(String aliasArn) {
        return stateMachines.describeAlias(aliasArn);
    }

    /** The aliases of a state machine, or those routing to a version; newest first. */
    public List<StateMachineAlias> listStateMachineAliases(String arn) {
        return stateMachines.aliases(arn);
    }

    public StateMachineAlias updateStateMachineAlias(String aliasArn, String description,
                                                     List<StateMachineAlias.Route> routing) {
        return stateMachines.updateAlias(aliasArn, description, routing);
    }

    public void deleteStateMachineAlias(String aliasArn) {
        stateMachines.deleteAlias(aliasArn);
    }

    // ---- tags ----

    public Map<String, String> listTagsForResource(String resourceArn) {
        return stateMachines.tags(resourceArn);
    }

    public void tagResource(String resourceArn, Map<String, String> tags) {
        stateMachines.tag(resourceArn, tags);
    }

    public void untagResource(String resourceArn, List<String> keys) {
        stateMachines.untag(resourceArn, keys);
    }

    // ---- executions ----

    /**
     * Starts an execution of a state machine, one of its versions, or through one of its aliases. Without a name
     * the execution is named with a UUID. A STANDARD execution is idempotent by name: the same name and input
     * while it runs return the same execution; otherwise the name is taken ({@code ExecutionAlreadyExists}).
     */
    public Execution startExecution(String stateMachineArn, String name, String input) {
        return executions.start(stateMachineArn, name, input);
    }

    /** Runs an execution of an EXPRESS state machine to its end and returns it. */
    public Execution startSyncExecution(String stateMachineArn, String name, String input) {
        StateMachineRecord machine = stateMachines.target(stateMachineArn).revision();
        if (machine.type() != StateMachineType.EXPRESS) {
            throw new StepFunctionsException("StateMachineTypeNotSupported",
                    "This operation is not supported by this type of state machine");
        }
        Execution execution = startExecution(stateMachineArn, name, input);
        execution.completion().join();
        return execution;
    }

    public Execution describeExecution(String executionArn) {
        return executions.describe(executionArn);
    }

    public List<HistoryEvent> executionHistory(String executionArn) {
        return describeExecution(executionArn).history().events();
    }

    /** The executions of a state machine (or of a version, or through an alias), newest first. */
    public List<Execution> listExecutions(String stateMachineArn, ExecutionStatus status) {
        return executions.list(stateMachineArn, status, null);
    }

    /** Like {@link #listExecutions(String, ExecutionStatus)}; {@code redriven} keeps only (not) redriven ones. */
    public List<Execution> listExecutions(String stateMachineArn, ExecutionStatus status, Boolean redriven) {
        return executions.list(stateMachineArn, status, redriven);
    }

    /** Executions still running, of every state machine, newest first. */
    public List<Execution> runningExecutions() {
        return executions.running();
    }

    /** Stops a running execution (ABORTED); stopping an ended execution changes nothing. */
    public Execution stopExecution(String executionArn, String error, String cause) {
        return executions.stop(executionArn, error, cause);
    }

    /** Waits for the current attempt of an execution to end, for tests and one-off runs. */
    public ExecutionOutcome awaitExecution(String executionArn, Duration timeout) {
        return executions.await(executionArn, timeout);
    }

    /**
     * Redrives an execution that failed, timed out or was aborted in the last 14 days: it continues from its
     * unsuccessful state with the same input and definition. Returns the redrive's date.
     */
    public Instant redriveExecution(String executionArn, String clientToken) {
        return executions.redrive(executionArn, clientToken);
    }

    /** Whether the execution can be redriven now, with AWS's reason when not. */
    public RedriveStatus redriveStatus(Execution execution) {
        ExecutionRegistry.RedriveState state = executions.redriveState(execution);
        return new RedriveStatus(state.redrivable(), state.reason());
    }

    /** RedriveExecution's answer about one execution: redrivable or not, and why not. */
    public record RedriveStatus(boolean redrivable, String reason) {
    }

    // ---- Map Runs ----

    /** The Map Runs an execution started, oldest first. */
    public List<MapRun> listMapRuns(String executionArn) {
        describeExecution(executionArn);
        return mapRuns.of(executionArn);
    }

    public MapRun describeMapRun(String mapRunArn) {
        if (mapRunArn == null || !mapRunArn.startsWith("arn:aws:states:") || !mapRunArn.contains(":mapRun:")) {
            throw Requests.invalidArn(mapRunArn);
        }
        return mapRuns.find(mapRunArn).orElseThrow(() -> new StepFunctionsException("ResourceNotFound",
                "Resource not found: '" + mapRunArn + "'"));
    }

    // ---- one-off runs ----

    /** The names under which {@link #run} runs a definition without creating a state machine. */
    public record RunNames(String stateMachineName, String executionName, String roleArn) {

        public static RunNames defaults() {
            return new RunNames("LocalRun", "local-run", "arn:aws:iam::" + DEFAULT_ACCOUNT_ID + ":role/LocalRun");
        }
    }

    /** An execution run by {@link #run}: its outcome and its history. */
    public record CompletedRun(ExecutionOutcome outcome, List<HistoryEvent> history) {
    }

    /**
     * Runs {@code definition} once on the calling thread, without storing a state machine or an execution: for
     * one-off runs and conformance checks. Throws {@link InvalidDefinitionException} for an invalid definition.
     */
    public CompletedRun run(String definition, JsonNode input, RunNames names) {
        return run(DefinitionParser.parse(definition, taskResources::problem), input, names);
    }

    /** Like {@link #run(String, JsonNode, RunNames)} for a definition parsed once and run many times. */
    public CompletedRun run(StateMachineDefinition parsed, JsonNode input, RunNames names) {
        String stateMachineArn = stateMachineArn(names.stateMachineName());
        String executionArn = arns.execution(names.stateMachineName(), names.executionName());
        ExecutionIdentity identity = new ExecutionIdentity(executionArn, names.executionName(), stateMachineArn,
                names.stateMachineName(), names.roleArn(), region, input, time.now());
        ExecutionRun run = new ExecutionRun(identity, new ExecutionHistory(limits.historyEvents(),
                ExecutionJournal.NONE), parsed.timeoutSeconds(), services);
        Interpreter interpreter = new Interpreter(run);
        interpreter.recordStart();
        ExecutionOutcome outcome = interpreter.run(parsed);
        return new CompletedRun(outcome, run.history().events());
    }

    // ---- TestState ----

    /**
     * Runs a single state once, as the TestState API does: Task states really call their resource. The input and
     * the variables are JSON texts; either may be null.
     */
    public Interpreter.StateTestOutcome testState(String stateDefinition, String roleArn, String input,
                                                  String variables) {
        Requests.requireRoleArn(roleArn);
        State state;
        try {
            state = DefinitionParser.parseState(TEST_STATE_NAME, stateDefinition, taskResources::problem);
        } catch (InvalidDefinitionException e) {
            throw new StepFunctionsException("InvalidDefinition", e.getMessage());
        }
        JsonNode parsedInput = Requests.parseInput(input == null ? "{}" : input);
        JsonNode parsedVariables = variables == null ? Json.object() : Requests.parseInput(variables);
        if (!parsedVariables.isObject()) {
            throw Requests.validation("variables must be a JSON object");
        }
        String id = UUID.randomUUID().toString();
        ExecutionIdentity identity = new ExecutionIdentity(arns.execution(TEST_STATE_NAME, id), id,
                stateMachineArn(TEST_STATE_NAME), TEST_STATE_NAME, roleArn, region, parsedInput, time.now());
        ExecutionRun run = new ExecutionRun(identity, new ExecutionHistory(limits.historyEvents(),
                ExecutionJournal.NONE), null, services);
        return new Interpreter(run).testState(state, parsedInput, (ObjectNode) parsedVariables);
    }

    // ---- task tokens ----

    public void sendTaskSuccess(String taskToken, String output) {
        JsonNode parsed;
        try {
            parsed = Json.parse(output);
        } catch (IllegalArgumentException e) {
            throw new StepFunctionsException("InvalidOutput", "Invalid output: " + e.getMessage());
        }
        tokenCall(() -> tokens.succeed(taskToken, parsed));
    }

    public void sendTaskFailure(String taskToken, String error, String cause) {
        tokenCall(() -> tokens.fail(taskToken, error, cause));
    }

    public void sendTaskHeartbeat(String taskToken) {
        tokenCall(() -> tokens.heartbeat(taskToken));
    }

    private static void tokenCall(Runnable call) {
        try {
            call.run();
        } catch (TaskTokens.TaskTokenException e) {
            throw new StepFunctionsException(e.errorType(), e.getMessage());
        }
    }

    /**
     * Stops every running execution without recording anything (with a data directory they continue at the next
     * start), then the threads; status changes already recorded are delivered for a moment more (with a data
     * directory, those left are delivered at the next start).
     */
    @Override
    public void close() {
        executions.abandonAll();
        executionThreads.shutdown();
        try {
            executionThreads.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executionThreads.shutdownNow();
        branchThreads.shutdownNow();
        statusChanges.close(CLOSE_GRACE);
    }

    /**
     * Settings with defaults: account 123456789012, us-east-1, the system clock, 8 execution threads, in memory, no
     * DynamoDB or S3 for integrations, every Lambda invocation allowed.
     */
    public static final class Builder {
        private String accountId = DEFAULT_ACCOUNT_ID;
        private String region = DEFAULT_REGION;
        private TimeSource time = new SystemTimeSource();
        private int executionThreads = 8;
        private DynamoDbClient dynamoDb;
        private S3Client s3;
        private IntegrationClientFactory integrationClients;
        private LambdaInvokeAuthorizer authorizer = LambdaInvokeAuthorizer.ALLOW_ALL;
        private Path dataDirectory;
        private ExecutionLimits limits = ExecutionLimits.aws();
        private ExecutionListener listener;
        private final List<ExecutionStatusChangeListener> statusChangeListeners = new ArrayList<>();
        private Consumer<String> functionLogs = System.err::println;

        private Builder() {
        }

        public Builder accountId(String accountId) {
            this.accountId = Objects.requireNonNull(accountId);
            return this;
        }

        public Builder region(String region) {
            this.region = Objects.requireNonNull(region);
            return this;
        }

        /** {@link dev.persona.local.stepfunctions.time.VirtualTimeSource} makes waits take no real time. */
        public Builder timeSource(TimeSource time) {
            this.time = Objects.requireNonNull(time);
            return this;
        }

        /** How many executions run at the same time; more wait for a thread. */
        public Builder executionThreads(int executionThreads) {
            if (executionThreads < 1) {
                throw new IllegalArgumentException("executionThreads must be positive");
            }
            this.executionThreads = executionThreads;
            return this;
        }

        /** The client the DynamoDB integrations call for every role, e.g. one of DynamoDB Local. */
        public Builder dynamoDb(DynamoDbClient dynamoDb) {
            this.dynamoDb = dynamoDb;
            return this;
        }

        /** The client distributed Maps read items from and write results to, for every role. */
        public Builder s3(S3Client s3) {
            this.s3 = s3;
            return this;
        }

        /**
         * The clients integrations call AWS with, per state machine role ARN (asked once per role): DynamoDB for
         * the item integrations, S3 for ItemReader and ResultWriter. Replaces {@link #dynamoDb} and {@link #s3}.
         */
        public Builder integrationClients(IntegrationClientFactory integrationClients) {
            this.integrationClients = integrationClients;
            return this;
        }

        /** Decides, before each task invokes a function, whether the state machine's role may invoke it. */
        public Builder lambdaInvokeAuthorizer(LambdaInvokeAuthorizer authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer);
            return this;
        }

        /**
         * Keep state machines (with versions, aliases and tags) and executions (with their histories and Map Runs)
         * in this directory; executions that were running continue after {@link #resumeExecutions()}. Without it,
         * everything lives in memory.
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        public Builder limits(ExecutionLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        public Builder listener(ExecutionListener listener) {
            this.listener = listener;
            return this;
        }

        /** Like {@link LocalStepFunctions#addStatusChangeListener}, from the start. */
        public Builder statusChangeListener(ExecutionStatusChangeListener listener) {
            statusChangeListeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /** Where functions' LambdaLogger output goes (default: standard error). */
        public Builder functionLogs(Consumer<String> functionLogs) {
            this.functionLogs = Objects.requireNonNull(functionLogs);
            return this;
        }

        private IntegrationClientFactory clients() {
            if (integrationClients != null) {
                return integrationClients.cached();
            }
            if (dynamoDb == null && s3 == null) {
                return null;
            }
            return IntegrationClientFactory.fixed(new IntegrationClients(dynamoDb, s3));
        }

        public LocalStepFunctions build() {
            return new LocalStepFunctions(this);
        }
    }
}
