package dev.persona.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.runtime.Endpoints;
import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local Step Functions as a developer drives it: the AWS CLI against the running stack, signed with the account's
 * credentials, on state machines of their own (role {@link PersonaLocalRuntime#SANDBOX_ROLE_ARN}): tags, versions,
 * a failed execution redriven to success, and a Distributed Map over an object in the local bucket.
 */
class StepFunctionsCliIT {

    private static PersonaLocalRuntime stack;
    private static AwsCli cli;
    private static Map<String, String> account;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        cli = AwsCli.require();
        Endpoints endpoints = stack.endpoints();
        account = Map.of("AWS_ACCESS_KEY_ID", endpoints.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", endpoints.secretAccessKey(), "AWS_DEFAULT_REGION", endpoints.region());
    }

    private static JsonNode sfn(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("--endpoint-url", stack.endpoints().stepFunctions().toString(),
                "--output", "json", "stepfunctions"));
        command.addAll(List.of(arguments));
        AwsCli.Run run = cli.run(account, command.toArray(String[]::new));
        assertThat(run.exitCode()).as("aws stepfunctions %s: %s", String.join(" ", arguments), run.output()).isZero();
        return run.output().isBlank() ? ApiUser.JSON.createObjectNode() : ApiUser.JSON.readTree(run.output());
    }

    private static String createMachine(String name, String definition, String... more) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("create-state-machine", "--name", name, "--definition",
                definition, "--role-arn", PersonaLocalRuntime.SANDBOX_ROLE_ARN));
        arguments.addAll(List.of(more));
        return sfn(arguments.toArray(String[]::new)).path("stateMachineArn").asText();
    }

    @Test
    void aMachineCreatedWithTagsListsThemAndPublishesAVersion() throws Exception {
        String arn = createMachine("cli-tagged", """
                {"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": true}}}""",
                "--tags", "key=team,value=persona", "key=stage,value=local");

        JsonNode tags = sfn("list-tags-for-resource", "--resource-arn", arn).path("tags");
        String version = sfn("publish-state-machine-version", "--state-machine-arn", arn, "--description", "first")
                .path("stateMachineVersionArn").asText();
        JsonNode versions = sfn("list-state-machine-versions", "--state-machine-arn", arn).path("stateMachineVersions");

        assertThat(tags.findValuesAsText("key")).containsExactlyInAnyOrder("team", "stage");
        assertThat(tags.findValuesAsText("value")).containsExactlyInAnyOrder("persona", "local");
        assertThat(version).isEqualTo(arn + ":1");
        assertThat(versions.findValuesAsText("stateMachineVersionArn")).containsExactly(version);
    }

    /** The first run fails in a Choice no rule of which holds before a redrive; the redriven run succeeds. */
    @Test
    void aFailedExecutionRedrivenSucceeds() throws Exception {
        AwsCli.Run help = cli.run(account, "stepfunctions", "redrive-execution", "help");
        Assumptions.assumeTrue(help.exitCode() == 0, "this AWS CLI predates RedriveExecution: " + help.output());
        String arn = createMachine("cli-redrive", """
                {"StartAt": "OnlyWhenRedriven", "States": {
                  "OnlyWhenRedriven": {"Type": "Choice", "Choices": [
                    {"Variable": "$$.Execution.RedriveCount", "NumericGreaterThan": 0, "Next": "Done"}]},
                  "Done": {"Type": "Succeed"}}}""");
        String execution = sfn("start-execution", "--state-machine-arn", arn, "--input", "{}")
                .path("executionArn").asText();
        assertThat(awaitStatus(execution).path("status").asText()).isEqualTo("FAILED");

        sfn("redrive-execution", "--execution-arn", execution);
        JsonNode redriven = awaitStatus(execution);

        assertThat(redriven.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(redriven.path("redriveCount").asInt()).isEqualTo(1);
    }

    @Test
    void aDistributedMapReadsItsItemsFromAnObjectInTheLocalBucket(@TempDir Path directory) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            lines.append("{\"id\": ").append(i).append(", \"title\": \"item ").append(i).append("\"}\n");
        }
        Path items = Files.writeString(directory.resolve("items.jsonl"), lines);
        String bucket = stack.endpoints().bucket();
        AwsCli.Run copied = cli.run(account, "--endpoint-url", stack.endpoints().s3().toString(), "s3", "cp",
                items.toString(), "s3://" + bucket + "/sandbox/items.jsonl");
        assertThat(copied.exitCode()).as(copied.output()).isZero();
        String arn = createMachine("cli-distributed-map", """
                {"StartAt": "EachItem", "States": {"EachItem": {
                  "Type": "Map",
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                                 "ReaderConfig": {"InputType": "JSONL"},
                                 "Parameters": {"Bucket": "%s", "Key": "sandbox/items.jsonl"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                                    "StartAt": "Title", "States": {"Title": {"Type": "Pass",
                                      "Parameters": {"title.$": "$.title"}, "End": true}}},
                  "End": true}}}""".formatted(bucket));

        String execution = sfn("start-execution", "--state-machine-arn", arn, "--input", "{}")
                .path("executionArn").asText();
        JsonNode finished = awaitStatus(execution);

        assertThat(finished.path("status").asText()).as(finished.toString()).isEqualTo("SUCCEEDED");
        JsonNode output = ApiUser.JSON.readTree(finished.path("output").asText());
        assertThat(output).hasSize(250);
        assertThat(output.get(249).path("title").asText()).isEqualTo("item 249");
        JsonNode runs = sfn("list-map-runs", "--execution-arn", execution).path("mapRuns");
        assertThat(runs).hasSize(1);
    }

    private static JsonNode awaitStatus(String execution) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonNode described = sfn("describe-execution", "--execution-arn", execution);
            if (!described.path("status").asText().equals("RUNNING")) {
                return described;
            }
            assertThat(Instant.now()).as("%s still running", execution).isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
