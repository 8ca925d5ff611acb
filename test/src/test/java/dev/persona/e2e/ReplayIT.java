package dev.persona.e2e;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.runtime.Endpoints;
import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EventBridge delivers at least once and can replay archived events, and a rule with a Step Functions target cannot
 * name the execution it starts: as on AWS, every delivery starts an execution. What must hold is what holds on AWS:
 * the later executions find the job claimed and end on the duplicate path, the job stays as the first execution
 * left it, and the user has one job and one persona.
 */
class ReplayIT {

    private static PersonaLocalRuntime stack;
    private static SfnClient sfn;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        Endpoints endpoints = stack.endpoints();
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                endpoints.accessKeyId(), endpoints.secretAccessKey()));
        sfn = SfnClient.builder().endpointOverride(endpoints.stepFunctions()).region(Region.of(endpoints.region()))
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        dynamoDb = DynamoDbClient.builder().endpointOverride(endpoints.dynamoDb()).region(Region.of(endpoints.region()))
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        sfn.close();
        dynamoDb.close();
    }

    private static List<ExecutionListItem> executionsOf(ApiUser user, String jobId) {
        return Executions.ofJob(sfn, stack.stateMachineArn(), user.userId(), jobId);
    }

    private static Map<String, AttributeValue> jobItem(ApiUser user, String jobId) {
        return dynamoDb.getItem(b -> b.tableName(stack.endpoints().jobsTable()).consistentRead(true).key(Map.of(
                "userId", AttributeValue.fromS(user.userId()), "jobId", AttributeValue.fromS(jobId)))).item();
    }

    @Test
    void aReplayedUploadEventEndsAsADuplicateAndLeavesTheJobAndItsPersonaAlone() throws Exception {
        ApiUser user = new ApiUser(stack, "replay");
        String jobId = user.uploadWithPut("events.csv", "text/csv", ActivityFiles.csv(ActivityFiles.SPORTS, 30));
        assertThat(user.awaitJob(jobId).path("status").asText()).isEqualTo("SUCCEEDED");
        ExecutionListItem first = executionsOf(user, jobId).getFirst();
        String event = sfn.describeExecution(b -> b.executionArn(first.executionArn())).input();
        JsonNode delivered = ApiUser.JSON.readTree(event);
        Map<String, AttributeValue> finished = jobItem(user, jobId);

        stack.uploadRuleTarget().deliver(delivered.path("id").asText(), event);
        ObjectNode archived = delivered.deepCopy();
        archived.put("id", UUID.randomUUID().toString());
        stack.uploadRuleTarget().deliver(archived.path("id").asText(), ApiUser.JSON.writeValueAsString(archived));

        List<ExecutionListItem> executions = executionsOf(user, jobId);
        assertThat(executions).hasSize(3).first().satisfies(execution ->
                assertThat(execution.executionArn()).isEqualTo(first.executionArn()));
        for (ExecutionListItem replayed : executions.subList(1, 3)) {
            assertThat(stack.stepFunctions().awaitExecution(replayed.executionArn(), java.time.Duration.ofSeconds(30))
                    .status().name()).isEqualTo("SUCCEEDED");
            assertThat(sfn.getExecutionHistory(b -> b.executionArn(replayed.executionArn())).events())
                    .anySatisfy(historyEvent -> assertThat(historyEvent.toString()).contains("DuplicateUpload"));
        }
        assertThat(delivered.path("detail-type").asText()).isEqualTo("Object Created");
        assertThat(delivered.at("/detail/object/key").asText()).startsWith("uploads/" + user.userId() + "/" + jobId);
        assertThat(jobItem(user, jobId)).isEqualTo(finished);
        assertThat(ApiUser.body(user.get("/v1/jobs"), 200).path("items")).hasSize(1);
        assertThat(ApiUser.body(user.get("/v1/personas/latest"), 200).path("jobId").asText()).isEqualTo(jobId);
    }
}
