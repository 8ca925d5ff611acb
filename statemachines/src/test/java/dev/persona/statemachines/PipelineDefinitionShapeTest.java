package dev.persona.statemachines;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.contracts.JobAttributes;
import dev.persona.contracts.JobStatus;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.PipelineErrorCodes;
import dev.persona.contracts.PipelineStep;
import dev.persona.contracts.StateMachineSubstitutions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks the rules the pipeline definition must keep, on the file as shipped. */
class PipelineDefinitionShapeTest {

    private static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
    private static final String DYNAMODB_UPDATE = "arn:aws:states:::dynamodb:updateItem";
    private static final List<String> LAMBDA_TRANSIENT_ERRORS = List.of(
            "Lambda.ServiceException", "Lambda.AWSLambdaException",
            "Lambda.SdkClientException", "Lambda.TooManyRequestsException");
    private static final String RECORD_FAILURE = "RecordFailure";
    /** The clean-up steps: a job's run that lost its job, and an upload no job claims. */
    private static final Set<String> DISCARDS = Set.of("DiscardWithdrawnJob", "DiscardUnclaimedUpload");
    /**
     * Where an internal failure ends, so that RedriveExecution reruns it: its transitions are taken only by a
     * redriven execution (a new attempt), so paths end there.
     */
    private static final String RESUME_AFTER_REDRIVE = "ResumeAfterRedrive";
    /** Lambda's Java runtime names a function error by the exception's fully qualified class name. */
    private static final String ERRORS = "dev.persona.pipeline.errors.";

    private static JsonNode definition;
    private static Map<String, JsonNode> states;

    @BeforeAll
    static void load() throws Exception {
        definition = new ObjectMapper().readTree(StateMachineDefinitions.pipelineTemplate());
        states = new LinkedHashMap<>();
        definition.get("States").properties().forEach(e -> states.put(e.getKey(), e.getValue()));
    }

    /**
     * The user errors the job-outcome metrics keep off the paging alarms are exactly the errors the catchers describe
     * as the user's (and the size check's own code): a new named error must be classified in the contracts too.
     */
    @Test
    void theUserErrorsOfTheContractsAreExactlyThoseTheCatchersDescribeAsTheUsers() {
        Set<String> described = new TreeSet<>();
        tasks().forEach((name, task) -> task.path("Catch").forEach(catcher -> {
            if (catcher.path("Next").asText().equals("DescribeUserError")) {
                texts(catcher.get("ErrorEquals")).forEach(error -> described.add(error.substring(ERRORS.length())));
            }
        }));
        described.add(states.get("DescribeUndeclaredSize").at("/Parameters/errorCode").asText());

        assertThat(described).containsExactlyInAnyOrderElementsOf(PipelineErrorCodes.USER_ERRORS);
    }

    /**
     * Every task retries what is transient; every task of a job catches the rest, so the job records it. The
     * clean-up steps have no job to record on: they fail the execution in place, where a redrive runs them again.
     */
    @Test
    void everyTaskRetriesAndCatches() {
        tasks().forEach((name, task) -> {
            assertThat(task.path("Retry").size()).as(name + " Retry").isPositive();
            if (DISCARDS.contains(name)) {
                assertThat(task.has("Catch")).as(name + " fails in place").isFalse();
                return;
            }
            assertThat(task.path("Catch").size()).as(name + " Catch").isPositive();
            for (JsonNode retrier : task.get("Retry")) {
                assertThat(texts(retrier.get("ErrorEquals"))).as(name + " never retries everything")
                        .doesNotContain("States.ALL");
                assertThat(retrier.path("BackoffRate").asDouble()).as(name).isGreaterThan(1.0);
                assertThat(retrier.path("MaxDelaySeconds").asInt()).as(name).isPositive();
                assertThat(retrier.path("JitterStrategy").asText()).as(name).isEqualTo("FULL");
            }
            List<String> last = texts(task.get("Catch").get(task.get("Catch").size() - 1).get("ErrorEquals"));
            assertThat(last).as(name + " ends its catchers with States.ALL").containsExactly("States.ALL");
        });
    }

    @Test
    void lambdaTasksRetryTransientFailuresButNotNamedInputErrors() {
        Map<String, JsonNode> lambdaTasks = tasksWithResource(LAMBDA_INVOKE);
        assertThat(lambdaTasks).isNotEmpty();
        lambdaTasks.forEach((name, task) -> {
            List<String> retried = new ArrayList<>();
            task.get("Retry").forEach(r -> retried.addAll(texts(r.get("ErrorEquals"))));
            assertThat(retried).as(name).containsAll(LAMBDA_TRANSIENT_ERRORS).contains(ERRORS + "StorageUnavailable");
            if (DISCARDS.contains(name)) {
                return;
            }
            JsonNode inputErrors = task.get("Catch").get(name.equals("BuildPersona") ? 1 : 0);
            List<String> named = texts(inputErrors.get("ErrorEquals"));
            assertThat(named).as(name + " catches the named input errors first").contains(
                    ERRORS + "UnsupportedFormat", ERRORS + "EmptyUpload", ERRORS + "UploadTooLarge",
                    ERRORS + "TooManyInvalidRecords", ERRORS + "UploadNotFound", ERRORS + "MalformedUpload");
            assertThat(retried).as(name + " does not retry input errors").doesNotContainAnyElementsOf(named);
        });
    }

    /**
     * A refused write means the job is not this run's (any more): it goes to a clean-up step, which ends the run
     * without recording anything. Every other failure is recorded on the job.
     */
    @Test
    void everyCatchLeadsToTheFailureRecordingPathOrToACleanUp() {
        tasks().forEach((name, task) -> {
            for (JsonNode catcher : task.path("Catch")) {
                String target = catcher.get("Next").asText();
                List<String> errors = texts(catcher.get("ErrorEquals"));
                if (errors.equals(List.of("DynamoDB.ConditionalCheckFailedException"))
                        || errors.equals(List.of(ERRORS + "JobNotOwned"))) {
                    assertThat(target).as(name).isEqualTo(name.equals("RegisterJob") ? "DiscardUnclaimedUpload"
                            : "DiscardWithdrawnJob");
                    assertThat(everyPathFrom(target)).as(name + " -> " + target).allSatisfy(path -> {
                        assertThat(path).doesNotContain(RECORD_FAILURE);
                        assertThat(states.get(path.get(path.size() - 1)).get("Type").asText()).isIn("Succeed", "Fail");
                    });
                } else if (name.equals(RECORD_FAILURE)) {
                    assertThat(states.get(target).get("Type").asText()).as("nothing left to record on").isEqualTo("Fail");
                } else {
                    assertThat(everyPathFrom(target)).as(name + " -> " + target)
                            .allSatisfy(path -> {
                                assertThat(path).contains(RECORD_FAILURE);
                                String last = path.get(path.size() - 1);
                                // A job that vanished before its failure could be recorded ends in the clean-up.
                                boolean cleanedUp = path.contains("DiscardWithdrawnJob");
                                assertThat(states.get(last).get("Type").asText().equals("Fail")
                                        || last.equals(RESUME_AFTER_REDRIVE) || cleanedUp)
                                        .as(String.valueOf(path)).isTrue();
                            });
                }
            }
        });
    }

    @Test
    void lambdaIsUsedOnlyForThePipelineFunctionsAndDynamoDbIntegrationsWriteEveryStatus() {
        Map<String, JsonNode> lambdaTasks = tasksWithResource(LAMBDA_INVOKE);
        Set<String> invoked = new HashSet<>();
        lambdaTasks.values().forEach(t -> invoked.add(t.at("/Parameters/FunctionName").asText()));
        Set<String> expected = new HashSet<>();
        LambdaFunctions.PIPELINE.forEach(f -> expected.add("${" + f.substitutionKey() + "}"));
        assertThat(invoked).isEqualTo(expected);

        Map<String, JsonNode> others = new HashMap<>(tasks());
        others.keySet().removeAll(lambdaTasks.keySet());
        assertThat(others.values()).allSatisfy(t -> assertThat(t.get("Resource").asText()).isEqualTo(DYNAMODB_UPDATE));
        assertThat(others.values()).allSatisfy(t ->
                assertThat(t.at("/Parameters/TableName").asText()).isEqualTo("${JobsTableName}"));
    }

    @Test
    void statusWritesAreConditionedOnOwnershipSoAStaleExecutionCannotOverwrite() {
        tasksWithResource(DYNAMODB_UPDATE).forEach((name, task) -> {
            String condition = task.at("/Parameters/ConditionExpression").asText();
            if (name.equals("RegisterJob")) {
                assertThat(condition).as("only a job registered through the API, awaiting exactly this key")
                        .startsWith("(#status = :awaiting AND objectKey = :key)")
                        .doesNotContain("attribute_not_exists");
            } else {
                assertThat(condition).as(name).contains("executionArn = :execution");
            }
        });
        String succeeded = states.get("MarkSucceeded").at("/Parameters/ConditionExpression").asText();
        assertThat(succeeded).contains("#status IN (:running, :failed, :succeeded)");
        String failure = states.get(RECORD_FAILURE).at("/Parameters/ConditionExpression").asText();
        assertThat(failure).contains("#status IN (:awaiting, :queued, :running, :failed)");
    }

    /**
     * A step that runs again (tasks run at least once: after a crash, or when a redrive reruns it) writes what it
     * wrote before: every status write accepts the status this execution's own write left.
     */
    @Test
    void everyStatusWriteCanBeRepeatedByTheSameExecution() {
        assertThat(states.get("RegisterJob").at("/Parameters/ConditionExpression").asText())
                .contains("OR executionArn = :execution");
        for (String mark : List.of("MarkPreprocessing", "MarkCategorizing", "MarkBuildingPersona")) {
            assertThat(states.get(mark).at("/Parameters/ConditionExpression").asText()).as(mark)
                    .isEqualTo("executionArn = :execution AND #status IN (:queued, :running, :failed)");
            assertThat(states.get(mark).at("/Parameters/UpdateExpression").asText()).as(mark)
                    .endsWith("REMOVE errorCode, errorMessage, finishedAt");
        }
    }

    /**
     * AWS's RedriveExecution reruns the state the execution failed in. A refused upload fails in a Fail state (a
     * redrive fails again); an internal failure fails in ResumeAfterRedrive, a Choice without Default whose rules
     * hold only once the execution was redriven after the failure, leading back to the step that failed.
     */
    @Test
    void internalFailuresEndWhereARedriveResumesTheJob() {
        JsonNode kind = states.get("FailureKind");
        assertThat(kind.at("/Choices/0/StringEquals").asText()).isEqualTo("InternalError");
        assertThat(kind.at("/Choices/0/Next").asText()).isEqualTo(RESUME_AFTER_REDRIVE);
        assertThat(states.get(kind.get("Default").asText()).get("Type").asText()).isEqualTo("Fail");
        JsonNode resume = states.get(RESUME_AFTER_REDRIVE);
        assertThat(resume.has("Default")).isFalse();
        List<String> targets = new ArrayList<>();
        for (JsonNode rule : resume.get("Choices")) {
            JsonNode redriven = rule.has("And") ? rule.get("And").get(0) : rule;
            assertThat(redriven.get("Variable").asText()).isEqualTo("$$.Execution.RedriveCount");
            assertThat(redriven.get("NumericGreaterThanPath").asText()).isEqualTo("$.failure.redriveCount");
            targets.add(rule.get("Next").asText());
        }
        assertThat(targets).containsExactly("MarkSucceeded", "MarkBuildingPersona", "MarkCategorizing",
                "RegisterJob");
        assertThat(states.get("DescribeInternalError").at("/Parameters/redriveCount.$").asText())
                .isEqualTo("$$.Execution.RedriveCount");
    }

    @Test
    void writesOnlyAttributesStatusesAndStepsTheContractsName() throws Exception {
        Set<String> attributes = constants(JobAttributes.class);
        Set<String> statuses = new HashSet<>();
        Arrays.stream(JobStatus.values()).forEach(s -> statuses.add(s.name()));
        Set<String> steps = new HashSet<>();
        Arrays.stream(PipelineStep.values()).forEach(s -> steps.add(s.wireName()));

        Pattern identifier = Pattern.compile("(?<![:#\\w])([A-Za-z][A-Za-z0-9]*)(?=\\s*(=|,|$|\\)))");
        tasksWithResource(DYNAMODB_UPDATE).forEach((name, task) -> {
            JsonNode parameters = task.get("Parameters");
            parameters.get("Key").fieldNames().forEachRemaining(k -> assertThat(attributes).contains(k));
            parameters.get("ExpressionAttributeNames").forEach(n -> assertThat(attributes).contains(n.asText()));
            for (String expression : List.of(parameters.get("UpdateExpression").asText(),
                    parameters.path("ConditionExpression").asText())) {
                Matcher matcher = identifier.matcher(expression.replaceAll("\\b(SET|REMOVE|AND|OR|IN)\\b", " "));
                while (matcher.find()) {
                    assertThat(attributes).as(name + ": " + expression).contains(matcher.group(1));
                }
            }
            parameters.get("ExpressionAttributeValues").properties().forEach(value -> {
                String literal = value.getValue().path("S").asText(null);
                if (literal != null && value.getKey().equals(":step")) {
                    assertThat(steps).contains(literal);
                } else if (literal != null) {
                    assertThat(statuses).as(name + " " + value.getKey()).contains(literal);
                }
            });
        });
    }

    @Test
    void noExecutionWideTimeoutWhichNoCatchCouldRecordOnTheJob() {
        assertThat(definition.has("TimeoutSeconds")).isFalse();
        tasksWithResource(LAMBDA_INVOKE).forEach((name, task) ->
                assertThat(task.path("TimeoutSeconds").asInt()).as(name + " bounds its own run").isPositive());
    }

    @Test
    void placeholdersAreExactlyTheSharedSubstitutions() {
        assertThat(StateMachineDefinitions.placeholders(StateMachineDefinitions.pipelineTemplate()))
                .containsExactlyInAnyOrderElementsOf(StateMachineSubstitutions.ALL);
    }

    @Test
    void everyRunTakesAtMostFifteenTransitionsWhateverTheInput() {
        List<List<String>> paths = everyPathFrom(definition.get("StartAt").asText());
        int longest = paths.stream().mapToInt(List::size).max().orElseThrow();
        assertThat(longest).isLessThanOrEqualTo(15);
        Set<String> visited = new HashSet<>();
        paths.forEach(visited::addAll);
        assertThat(visited).as("every state is reachable").containsExactlyInAnyOrderElementsOf(states.keySet());
    }

    /** The step's log lines carry the execution's ARN, so a job's story reads from the API to every step. */
    @Test
    void everyFunctionIsToldTheJobUserAndExecutionItWorksFor() {
        tasksWithResource(LAMBDA_INVOKE).forEach((name, task) -> {
            JsonNode payload = task.at("/Parameters/Payload");
            assertThat(payload.path("userId.$").asText()).as(name).isEqualTo("$.userId");
            assertThat(payload.path("jobId.$").asText()).as(name).isEqualTo("$.jobId");
            assertThat(payload.path("executionArn.$").asText()).as(name).isEqualTo("$$.Execution.Id");
        });
    }

    @Test
    void stepsPassKeysAndCountsNotData() {
        tasksWithResource(LAMBDA_INVOKE).forEach((name, task) -> {
            assertThat(task.has("ResultSelector")).as(name + " selects what it keeps").isTrue();
            task.get("ResultSelector").fieldNames().forEachRemaining(field ->
                    assertThat(field).as(name).matches("[a-z]+Key\\.\\$|records[A-Za-z]+\\.\\$|duplicatesRemoved\\.\\$"
                            + "|format\\.\\$|archetype\\.\\$|outcome\\.\\$|objectsDeleted\\.\\$"));
        });
    }

    private static Map<String, JsonNode> tasks() {
        Map<String, JsonNode> tasks = new LinkedHashMap<>();
        states.forEach((name, state) -> {
            if (state.get("Type").asText().equals("Task")) {
                tasks.put(name, state);
            }
        });
        return tasks;
    }

    private static Map<String, JsonNode> tasksWithResource(String resource) {
        Map<String, JsonNode> matching = new LinkedHashMap<>();
        tasks().forEach((name, task) -> {
            if (task.get("Resource").asText().equals(resource)) {
                matching.put(name, task);
            }
        });
        return matching;
    }

    /**
     * Every path of states entered from {@code start} to a terminal state (or ResumeAfterRedrive, where an attempt
     * ends); fails on a cycle.
     */
    private static List<List<String>> everyPathFrom(String start) {
        List<List<String>> paths = new ArrayList<>();
        walk(start, new ArrayList<>(), paths);
        return paths;
    }

    private static void walk(String name, List<String> path, List<List<String>> paths) {
        assertThat(path).as("cycle through " + name).doesNotContain(name);
        JsonNode state = states.get(name);
        assertThat(state).as("state " + name + " exists").isNotNull();
        path.add(name);
        if (name.equals(RESUME_AFTER_REDRIVE)) {
            paths.add(List.copyOf(path));
            path.remove(path.size() - 1);
            return;
        }
        List<String> next = new ArrayList<>();
        if (state.has("Next")) {
            next.add(state.get("Next").asText());
        }
        state.path("Catch").forEach(c -> next.add(c.get("Next").asText()));
        state.path("Choices").forEach(c -> next.add(c.get("Next").asText()));
        if (state.has("Default")) {
            next.add(state.get("Default").asText());
        }
        if (next.isEmpty()) {
            paths.add(List.copyOf(path));
        }
        for (String target : new HashSet<>(next)) {
            walk(target, path, paths);
        }
        path.remove(path.size() - 1);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Set<String> constants(Class<?> type) throws IllegalAccessException {
        Set<String> values = new HashSet<>();
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                values.add((String) field.get(null));
            }
        }
        return values;
    }
}
