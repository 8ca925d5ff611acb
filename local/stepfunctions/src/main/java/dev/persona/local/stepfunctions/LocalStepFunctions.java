package dev.persona.local.stepfunctions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.definition.DefinitionParser;
import dev.persona.local.stepfunctions.asl.definition.DefinitionProblem;
import dev.persona.local.stepfunctions.asl.definition.InvalidDefinitionException;
import dev.persona.local.stepfunctions.asl.definition.StateMachineDefinition;
import dev.persona.local.stepfunctions.asl.exec.ExecutionIdentity;
import dev.persona.local.stepfunctions.asl.exec.ExecutionLimits;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.asl.exec.ExecutionHistory;
import dev.persona.local.stepfunctions.asl.exec.ExecutionJournal;
import dev.persona.local.stepfunctions.asl.exec.ExecutionRun;
import dev.persona.local.stepfunctions.asl.exec.ExecutionServices;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.asl.exec.HistoryEvent;
import dev.persona.local.stepfunctions.asl.exec.Interpreter;
import dev.persona.local.stepfunctions.time.SystemTimeSource;
import dev.persona.local.stepfunctions.time.TimeSource;
import dev.persona.local.stepfunctions.asl.states.State;
import dev.persona.local.stepfunctions.tasks.TaskResourceRegistry;
import dev.persona.local.stepfunctions.tasks.TaskTokens;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctions;
import dev.persona.local.stepfunctions.time.SystemTimeSource;
import dev.persona.local.stepfunctions.time.TimeSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A local AWS Step Functions: state machines, executions running concurrently on a bounded pool, task tokens,
 * and the operations of the Step Functions API as Java methods (the HTTP endpoint is
 * {@link dev.persona.local.stepfunctions.api.StepFunctionsServer}). Errors are {@link StepFunctionsException}s
 * named as on the wire.
 */
public final class LocalStepFunctions implements AutoCloseable {

    public static final String DEFAULT_ACCOUNT_ID = "123456789012";
    public static final String DEFAULT_REGION = "us-east-1";
    /** AWS's limits on definitions and on execution input. */
    private static final int MAX_DEFINITION_BYTES = 1_048_576;
    private static final int MAX_INPUT_BYTES = 262_144;
    private static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]{1,80}");
    private static final String TEST_STATE_NAME = "TestState";
    private static final Pattern ROLE_ARN = Pattern.compile("arn:[a-z-]+:iam::[0-9]{12}:role/.+");

    private final String accountId;
    private final String region;
    private final TimeSource time;
    private final ExecutionLimits limits;
    private final LambdaFunctions lambdaFunctions;
    private final TaskResourceRegistry taskResources;
    private final TaskTokens tokens;
    private final ExecutorService executionThreads;
    private final ExecutorService branchThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<ExecutionListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, StateMachineRecord> stateMachines = new ConcurrentHashMap<>();
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final MapRunRegistry mapRuns = new MapRunRegistry();
    private final ExecutionServices services;

    private LocalStepFunctions(Builder builder) {
        this.accountId = builder.accountId;
        this.region = builder.region;
        this.time = builder.time;
        this.limits = builder.limits;
        this.lambdaFunctions = new LambdaFunctions(accountId, region, builder.functionLogs);
        this.taskResources = new TaskResourceRegistry(lambdaFunctions, builder.dynamoDb);
        this.tokens = new TaskTokens(time);
        this.executionThreads = Executors.newFixedThreadPool(builder.executionThreads, executionThreadFactory());
        this.services = new ExecutionServices(time, taskResources, tokens, branchThreads, limits, random, mapRuns);
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

    public String stateMachineArn(String name) {
        return "arn:aws:states:" + region + ":" + accountId + ":stateMachine:" + name;
    }

    // ---- definitions ----

    /** Every problem of {@code definition}, including Task resources that cannot run locally. */
    public List<DefinitionProblem> validateDefinition(String definition) {
        return DefinitionParser.validate(definition, taskResources::problem);
    }

    private StateMachineDefinition parse(String definition) {
        if (definition.getBytes(StandardCharsets.UTF_8).length > MAX_DEFINITION_BYTES) {
            throw new StepFunctionsException("InvalidDefinition", "Invalid State Machine Definition: 'The definition "
                    + "is larger than " + MAX_DEFINITION_BYTES + " bytes'");
        }
        try {
            return DefinitionParser.parse(definition, taskResources::problem);
        } catch (InvalidDefinitionException e) {
            throw new StepFunctionsException("InvalidDefinition", e.getMessage());
        }
    }

    // ---- state machines ----

    /** Creates a state machine; creating the same one again (same definition and role) returns it. */
    public StateMachineRecord createStateMachine(String name, String definition, String roleArn,
                                                 StateMachineType type) {
        requireName(name);
        requireRoleArn(roleArn);
        StateMachineDefinition parsed = parse(definition);
        String arn = stateMachineArn(name);
        StateMachineRecord created = new StateMachineRecord(arn, name, type, definition, parsed, roleArn,
                time.now(), UUID.randomUUID().toString());
        StateMachineRecord existing = stateMachines.putIfAbsent(arn, created);
        if (existing == null) {
            return created;
        }
        if (existing.definitionText().equals(definition) && existing.roleArn().equals(roleArn)
                && existing.type() == type) {
            return existing;
        }
        throw new StepFunctionsException("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
    }

    /** Replaces the definition and/or the role (null keeps it); running executions keep their definition. */
    public StateMachineRecord updateStateMachine(String arn, String definition, String roleArn) {
        StateMachineRecord current = describeStateMachine(arn);
        if (definition == null && roleArn == null) {
            throw new StepFunctionsException("MissingRequiredParameter",
                    "Either the definition or the roleArn must be specified");
        }
        if (roleArn != null) {
            requireRoleArn(roleArn);
        }
        StateMachineRecord updated = new StateMachineRecord(arn, current.name(), current.type(),
                definition == null ? current.definitionText() : definition,
                definition == null ? current.definition() : parse(definition),
                roleArn == null ? current.roleArn() : roleArn, current.creationDate(), UUID.randomUUID().toString());
        stateMachines.put(arn, updated);
        return updated;
    }

    public StateMachineRecord describeStateMachine(String arn) {
        requireArn(arn, ":stateMachine:");
        StateMachineRecord machine = stateMachines.get(arn);
        if (machine == null) {
            throw new StepFunctionsException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
        }
        return machine;
    }

    /** All state machines, oldest first. */
    public List<StateMachineRecord> listStateMachines() {
        return stateMachines.values().stream()
                .sorted(Comparator.comparing(StateMachineRecord::creationDate).thenComparing(StateMachineRecord::name))
                .toList();
    }

    /** Deletes a state machine; its executions are kept, running ones are stopped. */
    public void deleteStateMachine(String arn) {
        requireArn(arn, ":stateMachine:");
        if (stateMachines.remove(arn) != null) {
            executions.values().stream()
                    .filter(e -> e.stateMachine().arn().equals(arn) && e.status() == ExecutionStatus.RUNNING)
                    .forEach(e -> e.run().stop(null, "The state machine was deleted"));
        }
    }

    // ---- executions ----

    /**
     * Starts an execution. A STANDARD execution is idempotent by name: the same name and input while it runs
     * return the same execution; otherwise the name is taken ({@code ExecutionAlreadyExists}).
     */
    public Execution startExecution(String stateMachineArn, String name, String input) {
        StateMachineRecord machine = describeStateMachine(stateMachineArn);
        String executionName = name == null ? UUID.randomUUID().toString() : name;
        requireName(executionName);
        String inputText = input == null ? "{}" : input;
        JsonNode parsedInput = parseInput(inputText);
        if (machine.type() == StateMachineType.EXPRESS) {
            String arn = "arn:aws:states:" + region + ":" + accountId + ":express:" + machine.name() + ":"
                    + executionName + ":" + UUID.randomUUID();
            return launch(machine, arn, executionName, inputText, parsedInput);
        }
        String arn = "arn:aws:states:" + region + ":" + accountId + ":execution:" + machine.name() + ":"
                + executionName;
        synchronized (executions) {
            Execution existing = executions.get(arn);
            if (existing != null) {
                if (existing.status() == ExecutionStatus.RUNNING && existing.inputText().equals(inputText)) {
                    return existing;
                }
                throw new StepFunctionsException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
            }
            return launch(machine, arn, executionName, inputText, parsedInput);
        }
    }

    /** Runs an execution of an EXPRESS state machine to its end and returns it. */
    public Execution startSyncExecution(String stateMachineArn, String name, String input) {
        StateMachineRecord machine = describeStateMachine(stateMachineArn);
        if (machine.type() != StateMachineType.EXPRESS) {
            throw new StepFunctionsException("StateMachineTypeNotSupported",
                    "This operation is not supported by this type of state machine");
        }
        Execution execution = startExecution(stateMachineArn, name, input);
        execution.completion().join();
        return execution;
    }

    private Execution launch(StateMachineRecord machine, String arn, String name, String inputText, JsonNode input) {
        Instant start = time.now();
        ExecutionIdentity identity = new ExecutionIdentity(arn, name, machine.arn(), machine.name(), machine.roleArn(),
                region, input, start);
        ExecutionRun run = newRun(identity, machine.definition());
        Interpreter interpreter = new Interpreter(run);
        interpreter.recordStart();
        Execution execution = new Execution(arn, name, machine, inputText, input, start, run);
        if (machine.type() == StateMachineType.STANDARD) {
            // As on AWS, only STANDARD executions can be described, listed and stopped later.
            executions.put(arn, execution);
        }
        notifyListeners(execution);
        executionThreads.execute(() -> {
            ExecutionOutcome outcome = interpreter.run(machine.definition());
            execution.completion().complete(outcome);
            notifyListeners(execution);
        });
        return execution;
    }

    private ExecutionRun newRun(ExecutionIdentity identity, StateMachineDefinition definition) {
        return new ExecutionRun(identity, new ExecutionHistory(limits.historyEvents(), ExecutionJournal.NONE),
                definition.timeoutSeconds(), services);
    }

    private void notifyListeners(Execution execution) {
        for (ExecutionListener listener : listeners) {
            listener.statusChanged(execution);
        }
    }

    public Execution describeExecution(String executionArn) {
        requireArn(executionArn, ":execution:");
        Execution execution = executions.get(executionArn);
        if (execution == null) {
            throw new StepFunctionsException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + executionArn + "'");
        }
        return execution;
    }

    public List<HistoryEvent> executionHistory(String executionArn) {
        return describeExecution(executionArn).run().history().events();
    }

    /** The executions of a state machine, newest first, optionally only those with {@code status}. */
    public List<Execution> listExecutions(String stateMachineArn, ExecutionStatus status) {
        StateMachineRecord machine = describeStateMachine(stateMachineArn);
        if (machine.type() == StateMachineType.EXPRESS) {
            throw new StepFunctionsException("StateMachineTypeNotSupported",
                    "This operation is not supported by this type of state machine");
        }
        return executions.values().stream()
                .filter(e -> e.stateMachine().arn().equals(stateMachineArn))
                .filter(e -> status == null || e.status() == status)
                .sorted(Comparator.comparing(Execution::startDate).reversed().thenComparing(Execution::name))
                .toList();
    }

    /** Stops a running execution (ABORTED); stopping an ended execution changes nothing. */
    public Execution stopExecution(String executionArn, String error, String cause) {
        Execution execution = describeExecution(executionArn);
        execution.run().stop(error, cause);
        try {
            execution.completion().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("execution " + executionArn + " did not stop", e);
        }
        return execution;
    }

    /** Waits for an execution to end, for tests and one-off runs. */
    public ExecutionOutcome awaitExecution(String executionArn, Duration timeout) {
        Execution execution = executions.get(executionArn);
        if (execution == null) {
            throw new StepFunctionsException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + executionArn + "'");
        }
        try {
            return execution.completion().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("execution " + executionArn + " did not end within " + timeout, e);
        }
    }

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
     * Runs {@code definition} once on the calling thread, without storing a state machine or an execution:
     * for one-off runs and conformance checks. Throws {@link InvalidDefinitionException} for an invalid
     * definition.
     */
    public CompletedRun run(String definition, JsonNode input, RunNames names) {
        return run(DefinitionParser.parse(definition, taskResources::problem), input, names);
    }

    /** Like {@link #run(String, JsonNode, RunNames)} for a definition parsed once and run many times. */
    public CompletedRun run(StateMachineDefinition parsed, JsonNode input, RunNames names) {
        String stateMachineArn = stateMachineArn(names.stateMachineName());
        String executionArn = "arn:aws:states:" + region + ":" + accountId + ":execution:"
                + names.stateMachineName() + ":" + names.executionName();
        ExecutionIdentity identity = new ExecutionIdentity(executionArn, names.executionName(), stateMachineArn,
                names.stateMachineName(), names.roleArn(), region, input, time.now());
        ExecutionRun run = newRun(identity, parsed);
        Interpreter interpreter = new Interpreter(run);
        interpreter.recordStart();
        ExecutionOutcome outcome = interpreter.run(parsed);
        return new CompletedRun(outcome, run.history().events());
    }

    // ---- TestState ----

    /**
     * Runs a single state once, as the TestState API does: Task states really call their resource. The
     * input and the variables are JSON texts; either may be null.
     */
    public Interpreter.StateTestOutcome testState(String stateDefinition, String roleArn, String input,
                                                  String variables) {
        requireRoleArn(roleArn);
        State state;
        try {
            state = DefinitionParser.parseState(TEST_STATE_NAME, stateDefinition, taskResources::problem);
        } catch (InvalidDefinitionException e) {
            throw new StepFunctionsException("InvalidDefinition", e.getMessage());
        }
        JsonNode parsedInput = parseInput(input == null ? "{}" : input);
        JsonNode parsedVariables = variables == null ? Json.object() : parseInput(variables);
        if (!parsedVariables.isObject()) {
            throw new StepFunctionsException("ValidationException", "variables must be a JSON object");
        }
        String id = UUID.randomUUID().toString();
        ExecutionIdentity identity = new ExecutionIdentity("arn:aws:states:" + region + ":" + accountId
                + ":execution:" + TEST_STATE_NAME + ":" + id, id, stateMachineArn(TEST_STATE_NAME), TEST_STATE_NAME,
                roleArn, region, parsedInput, time.now());
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

    // ---- validation helpers ----

    private JsonNode parseInput(String input) {
        if (input.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES) {
            throw new StepFunctionsException("ValidationException", "1 validation error detected: Value at 'input' "
                    + "failed to satisfy constraint: Member must have length less than or equal to " + MAX_INPUT_BYTES);
        }
        try {
            return Json.parse(input);
        } catch (IllegalArgumentException e) {
            throw new StepFunctionsException("InvalidExecutionInput", "Invalid execution input: " + e.getMessage());
        }
    }

    private static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new StepFunctionsException("InvalidName", "Invalid Name: '" + name + "'");
        }
    }

    private static void requireRoleArn(String roleArn) {
        if (roleArn == null || !ROLE_ARN.matcher(roleArn).matches()) {
            throw new StepFunctionsException("InvalidArn", "Invalid Arn: '" + roleArn + "'");
        }
    }

    private void requireArn(String arn, String resourceType) {
        if (arn == null || !arn.startsWith("arn:aws:states:") || !arn.contains(resourceType)) {
            if (arn != null && arn.contains(":express:") && resourceType.equals(":execution:")) {
                throw new StepFunctionsException("InvalidArn", "Invalid Arn: 'Resource type not valid in this "
                        + "context: express'");
            }
            throw new StepFunctionsException("InvalidArn", "Invalid Arn: '" + arn + "'");
        }
    }

    @Override
    public void close() {
        executions.values().forEach(e -> e.run().stop(null, null));
        executionThreads.shutdownNow();
        branchThreads.shutdownNow();
    }

    /** Settings with defaults: account 123456789012, us-east-1, the system clock, 8 execution threads. */
    public static final class Builder {
        private String accountId = DEFAULT_ACCOUNT_ID;
        private String region = DEFAULT_REGION;
        private TimeSource time = new SystemTimeSource();
        private int executionThreads = 8;
        private DynamoDbClient dynamoDb;
        private ExecutionLimits limits = ExecutionLimits.aws();
        private ExecutionListener listener;
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

        /** The client DynamoDB integrations call, e.g. one of DynamoDB Local. */
        public Builder dynamoDb(DynamoDbClient dynamoDb) {
            this.dynamoDb = dynamoDb;
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

        /** Where functions' LambdaLogger output goes (default: standard error). */
        public Builder functionLogs(Consumer<String> functionLogs) {
            this.functionLogs = Objects.requireNonNull(functionLogs);
            return this;
        }

        public LocalStepFunctions build() {
            return new LocalStepFunctions(this);
        }
    }
}
