package dev.persona.local.stepfunctions.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.Machines;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctionError;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveFilter;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionSeverity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The API surface beyond running executions, with the unmodified SDK: tags, versions (published on create, on
 * update and on their own), aliases and executions through them, DescribeStateMachineForExecution, redrive,
 * Map Runs, and the refusal of what the local service does not implement.
 */
class ApiSurfaceIT {

    private static final String ROLE = "arn:aws:iam::123456789012:role/Surface";
    private static final String PASS = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}";
    private static final String SUCCEED = "{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\"}}}";

    private static LocalStepFunctions stepFunctions;
    private static StepFunctionsServer server;
    private static SfnClient sfn;
    private static volatile boolean failing = true;

    @BeforeAll
    static void start() {
        stepFunctions = LocalStepFunctions.builder().timeSource(new VirtualTimeSource(Machines.EPOCH))
                .functionLogs(line -> { }).build();
        stepFunctions.lambdaFunctions().registerFunction("flaky", payload -> {
            if (failing) {
                throw new LambdaFunctionError("Flaky", "not yet");
            }
            return payload;
        });
        server = StepFunctionsServer.builder().stepFunctions(stepFunctions).build().start();
        sfn = SfnClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        sfn.close();
        server.close();
        stepFunctions.close();
    }

    private static String await(String executionArn) {
        return stepFunctions.awaitExecution(executionArn, Duration.ofSeconds(10)).status().name();
    }

    @Test
    void tagsAreKeptListedAndRemoved() {
        CreateStateMachineResponse created = sfn.createStateMachine(b -> b.name("tagged").definition(PASS)
                .roleArn(ROLE).tags(Tag.builder().key("team").value("data").build()));
        String arn = created.stateMachineArn();
        sfn.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("stage").value("dev").build()));
        assertThat(sfn.listTagsForResource(b -> b.resourceArn(arn)).tags()).extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "data"),
                        org.assertj.core.groups.Tuple.tuple("stage", "dev"));
        sfn.untagResource(b -> b.resourceArn(arn).tagKeys("team"));
        assertThat(sfn.listTagsForResource(b -> b.resourceArn(arn)).tags()).extracting(Tag::key)
                .containsExactly("stage");
        assertThatThrownBy(() -> sfn.listTagsForResource(b -> b.resourceArn(arn + "-missing")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> sfn.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("bad#key")
                .value("v").build()))).isInstanceOf(SfnException.class).hasMessageContaining("tags.key");
    }

    @Test
    void versionsArePublishedOnCreateOnUpdateAndOnTheirOwn() {
        CreateStateMachineResponse created = sfn.createStateMachine(b -> b.name("versioned").definition(PASS)
                .roleArn(ROLE).publish(true).versionDescription("first"));
        String arn = created.stateMachineArn();
        assertThat(created.stateMachineVersionArn()).isEqualTo(arn + ":1");
        var updated = sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(SUCCEED).publish(true));
        assertThat(updated.stateMachineVersionArn()).isEqualTo(arn + ":2");
        assertThat(sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn)).stateMachineVersionArn())
                .as("publishing the same revision again returns its version").isEqualTo(arn + ":2");
        assertThatThrownBy(() -> sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn).revisionId("stale")))
                .isInstanceOf(ConflictException.class);
        assertThat(sfn.listStateMachineVersions(b -> b.stateMachineArn(arn)).stateMachineVersions())
                .extracting(v -> v.stateMachineVersionArn()).containsExactly(arn + ":2", arn + ":1");
        var version1 = sfn.describeStateMachine(b -> b.stateMachineArn(arn + ":1"));
        assertThat(version1.definition()).isEqualTo(PASS);
        assertThat(version1.description()).isEqualTo("first");

        var alias = sfn.createStateMachineAlias(b -> b.name("live").routingConfiguration(
                RoutingConfigurationListItem.builder().stateMachineVersionArn(arn + ":1").weight(100).build()));
        assertThat(alias.stateMachineAliasArn()).isEqualTo(arn + ":live");
        String execution = sfn.startExecution(b -> b.stateMachineArn(arn + ":live").name("via-alias")).executionArn();
        await(execution);
        DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(execution));
        assertThat(described.stateMachineVersionArn()).isEqualTo(arn + ":1");
        assertThat(described.stateMachineAliasArn()).isEqualTo(arn + ":live");
        assertThat(sfn.describeStateMachineForExecution(b -> b.executionArn(execution)).definition()).isEqualTo(PASS);
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(arn + ":live")).executions())
                .extracting(e -> e.name()).containsExactly("via-alias");

        assertThatThrownBy(() -> sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(arn + ":1")))
                .as("a version an alias routes to").isInstanceOf(ConflictException.class);
        sfn.updateStateMachineAlias(b -> b.stateMachineAliasArn(arn + ":live").routingConfiguration(
                RoutingConfigurationListItem.builder().stateMachineVersionArn(arn + ":2").weight(100).build()));
        assertThat(sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(arn + ":live")).routingConfiguration())
                .singleElement().satisfies(route -> assertThat(route.stateMachineVersionArn()).isEqualTo(arn + ":2"));
        assertThat(sfn.listStateMachineAliases(b -> b.stateMachineArn(arn)).stateMachineAliases()).hasSize(1);
        sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(arn + ":1"));
        sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(arn + ":live"));
        assertThat(sfn.listStateMachineAliases(b -> b.stateMachineArn(arn)).stateMachineAliases()).isEmpty();
    }

    @Test
    void aFailedExecutionIsRedrivenToSuccess() {
        String arn = sfn.createStateMachine(b -> b.name("redriven").roleArn(ROLE).definition("""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:flaky", "End": true}}}"""))
                .stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(arn).input("{\"v\":1}")).executionArn();
        assertThat(await(execution)).isEqualTo("FAILED");
        DescribeExecutionResponse failed = sfn.describeExecution(b -> b.executionArn(execution));
        assertThat(failed.redriveStatus()).isEqualTo(ExecutionRedriveStatus.REDRIVABLE);
        assertThat(failed.redriveCount()).isZero();

        failing = false;
        assertThat(sfn.redriveExecution(b -> b.executionArn(execution)).redriveDate()).isNotNull();
        assertThat(await(execution)).isEqualTo("SUCCEEDED");

        DescribeExecutionResponse succeeded = sfn.describeExecution(b -> b.executionArn(execution));
        assertThat(succeeded.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(succeeded.output()).isEqualTo("{\"v\":1}");
        assertThat(succeeded.redriveCount()).isEqualTo(1);
        assertThat(succeeded.redriveDate()).isNotNull();
        assertThat(succeeded.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
        assertThat(succeeded.redriveStatusReason()).isEqualTo("Execution is SUCCEEDED and cannot be redriven");
        assertThat(sfn.getExecutionHistory(b -> b.executionArn(execution)).events())
                .anySatisfy(event -> {
                    assertThat(event.type()).isEqualTo(HistoryEventType.EXECUTION_REDRIVEN);
                    assertThat(event.executionRedrivenEventDetails().redriveCount()).isEqualTo(1);
                });
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(arn).redriveFilter(ExecutionRedriveFilter.REDRIVEN))
                .executions()).singleElement().satisfies(item -> assertThat(item.redriveCount()).isEqualTo(1));
        assertThatThrownBy(() -> sfn.redriveExecution(b -> b.executionArn(execution)))
                .isInstanceOf(ExecutionNotRedrivableException.class);
    }

    @Test
    void anExecutionStartedWithoutANameIsNamedWithAUuid() {
        String arn = sfn.createStateMachine(b -> b.name("unnamed").definition(PASS).roleArn(ROLE)).stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
        String name = execution.substring(execution.lastIndexOf(':') + 1);
        assertThat(UUID.fromString(name).toString()).isEqualTo(name);
    }

    @Test
    void mapRunsAreListedAndDescribed() {
        String arn = sfn.createStateMachine(b -> b.name("mapped").roleArn(ROLE).definition("""
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true, "Label": "each",
                  "ItemBatcher": {"MaxItemsPerBatch": 2}, "ToleratedFailurePercentage": 50,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                    "StartAt": "Check", "States": {"Check": {"Type": "Choice", "Choices": [{"Variable":
                    "$.Items[0]", "NumericLessThan": 5, "Next": "Ok"}], "Default": "No"},
                    "Ok": {"Type": "Succeed"}, "No": {"Type": "Fail", "Error": "TooBig"}}}}}}""")).stateMachineArn();
        String execution = sfn.startExecution(b -> b.stateMachineArn(arn).input("[1, 2, 3, 4, 5]")).executionArn();
        assertThat(await(execution)).isEqualTo("SUCCEEDED");

        var mapRuns = sfn.listMapRuns(b -> b.executionArn(execution)).mapRuns();
        assertThat(mapRuns).singleElement().satisfies(run -> {
            assertThat(run.mapRunArn()).startsWith(arn.replace(":stateMachine:", ":mapRun:") + "/each:");
            assertThat(run.stateMachineArn()).isEqualTo(arn + "/each");
            assertThat(run.stopDate()).isNotNull();
        });
        var described = sfn.describeMapRun(b -> b.mapRunArn(mapRuns.getFirst().mapRunArn()));
        assertThat(described.statusAsString()).isEqualTo("SUCCEEDED");
        assertThat(described.toleratedFailurePercentage()).isEqualTo(50f);
        assertThat(described.itemCounts().total()).isEqualTo(5);
        assertThat(described.itemCounts().succeeded()).isEqualTo(4);
        assertThat(described.itemCounts().failed()).isEqualTo(1);
        assertThat(described.executionCounts().total()).isEqualTo(3);
        assertThat(described.executionCounts().failed()).isEqualTo(1);
        assertThat(sfn.listExecutions(b -> b.mapRunArn(mapRuns.getFirst().mapRunArn())).executions()).hasSize(3);
    }

    @Test
    void validationReportsWarningsOnRequest() {
        String definition = "{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\", \"Error\": \"$.e\"}}}";
        assertThat(sfn.validateStateMachineDefinition(b -> b.definition(definition)).diagnostics()).isEmpty();
        assertThat(sfn.validateStateMachineDefinition(b -> b.definition(definition)
                .severity(ValidateStateMachineDefinitionSeverity.WARNING)).diagnostics())
                .singleElement().satisfies(d -> {
                    assertThat(d.severityAsString()).isEqualTo("WARNING");
                    assertThat(d.code()).isEqualTo("NO_PATH");
                    assertThat(d.location()).isEqualTo("/States/F/Error");
                });
    }

    @Test
    void unimplementedOperationsAndParametersAreRefused() throws Exception {
        HttpResponse<String> parameter = post("StartExecution", "{\"stateMachineArn\": \"x\", \"traceHeader\": \"t\"}");
        assertThat(parameter.statusCode()).isEqualTo(400);
        JsonNode error = Json.parse(parameter.body());
        assertThat(error.get("__type").asText()).isEqualTo("ValidationException");
        assertThat(error.get("message").asText()).contains("'traceHeader'", "not supported");

        HttpResponse<String> logging = post("CreateStateMachine", """
                {"name": "logged", "definition": %s, "roleArn": "%s",
                 "loggingConfiguration": {"level": "ALL"}}""".formatted(Json.write(Json.NODES.textNode(PASS)), ROLE));
        assertThat(Json.parse(logging.body()).get("message").asText()).contains("loggingConfiguration");

        HttpResponse<String> activity = post("CreateActivity", "{\"name\": \"a\"}");
        assertThat(Json.parse(activity.body()).get("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(Json.parse(activity.body()).get("message").asText()).contains("not implemented");
    }

    private static HttpResponse<String> post(String action, String body) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
                    .header("X-Amz-Target", "AWSStepFunctions." + action)
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
