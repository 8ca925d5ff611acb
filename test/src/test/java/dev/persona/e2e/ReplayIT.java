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
 * EventBridge delivers at least once and can replay archived events: the upload rule's target must start one
 * execution per object version, whatever arrives again, and the job must stay as the first execution left it.
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

    private static List<ExecutionListItem> executionsOf(String jobId) {
        return sfn.listExecutions(b -> b.stateMachineArn(stack.stateMachineArn())).executions().stream()
                .filter(execution -> execution.name().startsWith(jobId + "-")).toList();
    }

    private static Map<String, AttributeValue> jobItem(ApiUser user, String jobId) {
        return dynamoDb.getItem(b -> b.tableName(stack.endpoints().jobsTable()).consistentRead(true).key(Map.of(
                "userId", AttributeValue.fromS(user.userId()), "jobId", AttributeValue.fromS(jobId)))).item();
    }

    @Test
    void aReplayedUploadEventStartsNoSecondExecutionAndLeavesTheJobAlone() throws Exception {
        ApiUser user = new ApiUser(stack, "replay");
        String jobId = user.uploadWithPut("events.csv", "text/csv", ActivityFiles.csv(ActivityFiles.SPORTS, 30));
        assertThat(user.awaitJob(jobId).path("status").asText()).isEqualTo("SUCCEEDED");
        ExecutionListItem first = executionsOf(jobId).getFirst();
        String event = sfn.describeExecution(b -> b.executionArn(first.executionArn())).input();
        JsonNode delivered = ApiUser.JSON.readTree(event);
        Map<String, AttributeValue> finished = jobItem(user, jobId);

        stack.uploadRuleTarget().deliver(delivered.path("id").asText(), event);
        ObjectNode archived = delivered.deepCopy();
        archived.put("id", UUID.randomUUID().toString());
        stack.uploadRuleTarget().deliver(archived.path("id").asText(), ApiUser.JSON.writeValueAsString(archived));

        assertThat(executionsOf(jobId)).singleElement()
                .satisfies(execution -> assertThat(execution.executionArn()).isEqualTo(first.executionArn()));
        assertThat(delivered.path("detail-type").asText()).isEqualTo("Object Created");
        assertThat(delivered.at("/detail/object/key").asText()).startsWith("uploads/" + user.userId() + "/" + jobId);
        assertThat(jobItem(user, jobId)).isEqualTo(finished);
        assertThat(ApiUser.body(user.get("/v1/jobs"), 200).path("items")).hasSize(1);
    }
}
