package dev.persona.local.stepfunctions.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.Machines;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The unmodified AWS SDK v2 SfnClient against the local endpoint. */
class StepFunctionsServerIT {

    private static final String PASS = """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"got.$": "$.value"}, "End": true}}}""";

    private static LocalStepFunctions stepFunctions;
    private static StepFunctionsServer server;
    private static SfnClient sfn;
    private static final List<String> tokens = new CopyOnWriteArrayList<>();
    private static final CountDownLatch release = new CountDownLatch(1);

    @BeforeAll
    static void start() {
        stepFunctions = LocalStepFunctions.builder().accountId("210987654321").region("eu-west-1")
                .timeSource(new VirtualTimeSource(Machines.EPOCH)).functionLogs(line -> { }).build();
        stepFunctions.lambdaFunctions().registerFunction("callback", payload -> {
            tokens.add(payload.get("token").textValue());
            return Json.object();
        });
        stepFunctions.lambdaFunctions().registerFunction("blocking", payload -> {
            release.await(20, TimeUnit.SECONDS);
            return payload;
        });
        server = StepFunctionsServer.builder().stepFunctions(stepFunctions).build().start();
        sfn = SfnClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION,
                        true))
                .build();
    }

    @AfterAll
    static void stop() {
        release.countDown();
        sfn.close();
        server.stop();
        stepFunctions.close();
    }

    private static String create(String name, String definition, StateMachineType type) {
        CreateStateMachineResponse created = sfn.createStateMachine(b -> b.name(name).definition(definition)
                .roleArn("arn:aws:iam::210987654321:role/Sfn").type(type));
        return created.stateMachineArn();
    }

    private static DescribeExecutionResponse awaitEnd(String executionArn) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            DescribeExecutionResponse execution = sfn.describeExecution(b -> b.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING) {
                return execution;
            }
            assertThat(System.nanoTime()).as("execution ends").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void stateMachinesAreCreatedDescribedListedUpdatedAndDeleted() {
        String arn = create("crud", PASS, StateMachineType.STANDARD);
        assertThat(arn).isEqualTo("arn:aws:states:eu-west-1:210987654321:stateMachine:crud");
        assertThat(create("crud", PASS, StateMachineType.STANDARD)).as("creating it again is idempotent").isEqualTo(arn);
        assertThatThrownBy(() -> create("crud", PASS.replace("got", "other"), StateMachineType.STANDARD))
                .isInstanceOf(StateMachineAlreadyExistsException.class);

        DescribeStateMachineResponse described = sfn.describeStateMachine(b -> b.stateMachineArn(arn));
        assertThat(described.name()).isEqualTo("crud");
        assertThat(described.definition()).isEqualTo(PASS);
        assertThat(described.typeAsString()).isEqualTo("STANDARD");
        assertThat(described.creationDate()).isEqualTo(Machines.EPOCH);
        assertThat(sfn.listStateMachines(b -> { }).stateMachines())
                .anySatisfy(item -> assertThat(item.stateMachineArn()).isEqualTo(arn));

        String updated = PASS.replace("got", "seen");
        sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(updated));
        assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(arn)).definition()).isEqualTo(updated);

        sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(arn)))
                .isInstanceOf(StateMachineDoesNotExistException.class);
        assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn("not-an-arn")))
                .isInstanceOf(InvalidArnException.class);
    }

    @Test
    void anInvalidDefinitionIsRefusedWithEveryProblem() {
        assertThatThrownBy(() -> create("invalid", """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "Q"}, "R": {"Type": "Succeed"}}}""",
                StateMachineType.STANDARD))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("MISSING_TRANSITION_TARGET: Missing 'Next' target: Q at /States/P/Next")
                .hasMessageContaining("MISSING_TRANSITION_TARGET: State \"R\" is not reachable. at /States/R");

        ValidateStateMachineDefinitionResponse validation = sfn.validateStateMachineDefinition(b -> b.definition(
                "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true, \"Extra\": 1}}}"));
        assertThat(validation.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
        assertThat(validation.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("SCHEMA_VALIDATION_FAILED");
            assertThat(d.location()).isEqualTo("/States/P/Extra");
        });
        assertThat(sfn.validateStateMachineDefinition(b -> b.definition(PASS)).result())
                .isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
    }

    @Test
    void executionsRunAndReportTheirOutputAndHistory() {
        String machine = create("history", """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Wait", "Seconds": 600,
                  "Next": "C"}, "C": {"Type": "Pass", "Result": {"done": true}, "ResultPath": "$.result", "End": true}}}""",
                StateMachineType.STANDARD);
        String arn = sfn.startExecution(b -> b.stateMachineArn(machine).name("first").input("{\"n\":1}")).executionArn();
        assertThat(arn).isEqualTo("arn:aws:states:eu-west-1:210987654321:execution:history:first");
        DescribeExecutionResponse ended = awaitEnd(arn);
        assertThat(ended.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(ended.output())).isEqualTo(Json.parse("{\"n\":1,\"result\":{\"done\":true}}"));
        assertThat(ended.input()).isEqualTo("{\"n\":1}");

        List<HistoryEvent> events = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            GetExecutionHistoryResponse page = sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(3)
                    .nextToken(next));
            assertThat(page.events().size()).isLessThanOrEqualTo(3);
            events.addAll(page.events());
            token = page.nextToken();
        } while (token != null);
        assertThat(events).extracting(HistoryEvent::type).containsExactly(HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED,
                HistoryEventType.WAIT_STATE_ENTERED, HistoryEventType.WAIT_STATE_EXITED,
                HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(events).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(events.get(3).previousEventId()).isEqualTo(3L);
        assertThat(events.get(1).stateEnteredEventDetails().name()).isEqualTo("A");
        assertThat(Json.parse(events.get(0).executionStartedEventDetails().input())).isEqualTo(Json.parse("{\"n\":1}"));
        assertThat(Duration.between(events.get(4).timestamp(), events.get(3).timestamp()).abs())
                .isEqualTo(Duration.ofMinutes(10));

        List<HistoryEvent> reversed = sfn.getExecutionHistory(b -> b.executionArn(arn).reverseOrder(true)
                .maxResults(1)).events();
        assertThat(reversed).extracting(HistoryEvent::type).containsExactly(HistoryEventType.EXECUTION_SUCCEEDED);

        assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(arn + "-missing")))
                .isInstanceOf(ExecutionDoesNotExistException.class);
    }

    @Test
    void startExecutionIsIdempotentByNameWhileRunning() {
        String machine = create("idempotent", """
                {"StartAt": "Block", "States": {"Block": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "blocking", "Payload.$": "$"}, "OutputPath": "$.Payload",
                  "End": true}}}""", StateMachineType.STANDARD);
        String first = sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"a\":1}"))
                .executionArn();
        String again = sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"a\":1}"))
                .executionArn();
        assertThat(again).isEqualTo(first);
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"a\":2}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
        String other = sfn.startExecution(b -> b.stateMachineArn(machine).name("other").input("{}")).executionArn();

        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine).statusFilter(ExecutionStatus.RUNNING))
                .executions()).hasSize(2);
        var page = sfn.listExecutions(b -> b.stateMachineArn(machine).maxResults(1));
        assertThat(page.executions()).hasSize(1);
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine).maxResults(1).nextToken(page.nextToken()))
                .executions()).hasSize(1);

        sfn.stopExecution(b -> b.executionArn(other).error("Operator").cause("not needed"));
        release.countDown();
        assertThat(awaitEnd(first).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        DescribeExecutionResponse stopped = awaitEnd(other);
        assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(stopped.error()).isEqualTo("Operator");
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine).statusFilter(ExecutionStatus.ABORTED))
                .executions()).extracting(e -> e.executionArn()).containsExactly(other);
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"a\":1}")))
                .as("the name of an ended execution is taken").isInstanceOf(ExecutionAlreadyExistsException.class);
    }

    @Test
    void taskTokensAreCompletedThroughTheApi() {
        String machine = create("callback", """
                {"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                  "Parameters": {"FunctionName": "callback", "Payload": {"token.$": "$$.Task.Token"}}, "End": true}}}""",
                StateMachineType.STANDARD);
        String arn = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tokens.isEmpty()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.onSpinWait();
        }
        String token = tokens.getFirst();
        sfn.sendTaskHeartbeat(b -> b.taskToken(token));
        sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"answer\":42}"));
        assertThat(Json.parse(awaitEnd(arn).output())).isEqualTo(Json.parse("{\"answer\":42}"));
        assertThatThrownBy(() -> sfn.sendTaskFailure(b -> b.taskToken(token).error("Late")))
                .isInstanceOf(TaskTimedOutException.class);
    }

    @Test
    void expressMachinesRunSynchronously() {
        String machine = create("express", """
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Nope", "Cause": "express failure"}}}""",
                StateMachineType.EXPRESS);
        StartSyncExecutionResponse response = sfn.startSyncExecution(b -> b.stateMachineArn(machine).input("{}"));
        assertThat(response.status()).isEqualTo(SyncExecutionStatus.FAILED);
        assertThat(response.error()).isEqualTo("Nope");
        assertThat(response.cause()).isEqualTo("express failure");
        assertThat(response.executionArn()).startsWith("arn:aws:states:eu-west-1:210987654321:express:express:");
        assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(response.executionArn())))
                .isInstanceOf(InvalidArnException.class);
    }

    @Test
    void testStateRunsOneStateWithInspectionData() {
        TestStateResponse response = sfn.testState(b -> b.roleArn("arn:aws:iam::210987654321:role/Sfn")
                .inspectionLevel(InspectionLevel.DEBUG).input("{\"a\":{\"b\":2}}")
                .definition("""
                        {"Type": "Pass", "InputPath": "$.a", "Parameters": {"double.$": "States.MathAdd($.b, $.b)"},
                         "ResultPath": "$.out", "Next": "Elsewhere"}"""));
        assertThat(response.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(response.nextState()).isEqualTo("Elsewhere");
        assertThat(Json.parse(response.output())).isEqualTo(Json.parse("{\"a\":{\"b\":2},\"out\":{\"double\":4}}"));
        JsonNode afterInputPath = Json.parse(response.inspectionData().afterInputPath());
        assertThat(afterInputPath).isEqualTo(Json.parse("{\"b\":2}"));
        assertThat(Json.parse(response.inspectionData().afterParameters())).isEqualTo(Json.parse("{\"double\":4}"));

        TestStateResponse caught = sfn.testState(b -> b.roleArn("arn:aws:iam::210987654321:role/Sfn").definition("""
                {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "none"},
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handler"}], "End": true}"""));
        assertThat(caught.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
        assertThat(caught.error()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(caught.nextState()).isEqualTo("Handler");
    }
}
