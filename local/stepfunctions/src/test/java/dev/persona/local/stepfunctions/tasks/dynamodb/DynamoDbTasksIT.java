package dev.persona.local.stepfunctions.tasks.dynamodb;

import java.util.Map;

import dev.persona.contracts.Tables;
import dev.persona.local.servers.LocalDynamoDb;
import dev.persona.local.servers.TableProvisioner;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.Machines;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static dev.persona.local.stepfunctions.Machines.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The DynamoDB integrations against DynamoDB Local: parameters, result shapes and error names. */
class DynamoDbTasksIT {

    private static final String TABLE = "jobs-tasks";

    private static LocalDynamoDb dynamo;
    private static DynamoDbClient client;
    private static LocalStepFunctions engine;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamoDb.builder().build().start();
        client = dynamo.client();
        TableProvisioner.ensureTable(client, Tables.JOBS, TABLE);
        engine = LocalStepFunctions.builder().timeSource(new VirtualTimeSource(Machines.EPOCH)).dynamoDb(client)
                .functionLogs(line -> { }).build();
    }

    @AfterAll
    static void stop() {
        engine.close();
        client.close();
        dynamo.stop();
    }

    private static ExecutionOutcome call(String action, String parameters) {
        return Machines.run(engine, """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:%s",
                  "Parameters": %s, "End": true}}}
                """.formatted(action, parameters.replace("TABLE", TABLE)), "{\"user\":\"u1\",\"n\":7}").outcome();
    }

    @Test
    void putItemConvertsDynamoDbJsonAndReturnsTheSdkMetadata() {
        ExecutionOutcome put = call("putItem", """
                {"TableName": "TABLE", "Item": {"userId": {"S.$": "$.user"}, "jobId": {"S": "put"},
                  "count": {"N.$": "States.JsonToString($.n)"}, "flags": {"SS": ["a", "b"]}, "ok": {"BOOL": true},
                  "nested": {"M": {"list": {"L": [{"N": "1"}, {"NULL": true}]}}}}}""");
        assertThat(put.error()).isNull();
        assertThat(put.output().has("Attributes")).isFalse();
        assertThat(put.output().at("/SdkHttpMetadata/HttpStatusCode").intValue()).isEqualTo(200);
        assertThat(put.output().at("/SdkHttpMetadata/HttpHeaders/Content-Type").textValue())
                .isEqualTo("application/x-amz-json-1.0");
        assertThat(put.output().at("/SdkHttpMetadata/AllHttpHeaders/x-amzn-RequestId/0").textValue())
                .isEqualTo(put.output().at("/SdkResponseMetadata/RequestId").textValue());

        Map<String, AttributeValue> stored = client.getItem(b -> b.tableName(TABLE).key(Map.of(
                "userId", AttributeValue.fromS("u1"), "jobId", AttributeValue.fromS("put")))).item();
        assertThat(stored.get("count").n()).isEqualTo("7");
        assertThat(stored.get("flags").ss()).containsExactlyInAnyOrder("a", "b");
        assertThat(stored.get("nested").m().get("list").l().get(1).nul()).isTrue();

        ExecutionOutcome got = call("getItem", """
                {"TableName": "TABLE", "Key": {"userId": {"S": "u1"}, "jobId": {"S": "put"}},
                 "ProjectionExpression": "#c, ok", "ExpressionAttributeNames": {"#c": "count"}}""");
        assertThat(got.output().get("Item")).isEqualTo(json("{\"count\":{\"N\":\"7\"},\"ok\":{\"BOOL\":true}}"));
    }

    @Test
    void updateItemReturnsAttributesOnlyWhenAsked() {
        call("putItem", "{\"TableName\": \"TABLE\", \"Item\": {\"userId\": {\"S\": \"u1\"}, \"jobId\": {\"S\": \"up\"}}}");
        ExecutionOutcome quiet = call("updateItem", """
                {"TableName": "TABLE", "Key": {"userId": {"S": "u1"}, "jobId": {"S": "up"}},
                 "UpdateExpression": "SET #s = :s", "ExpressionAttributeNames": {"#s": "status"},
                 "ExpressionAttributeValues": {":s": {"S": "QUEUED"}}}""");
        assertThat(quiet.output().has("Attributes")).isFalse();
        ExecutionOutcome loud = call("updateItem", """
                {"TableName": "TABLE", "Key": {"userId": {"S": "u1"}, "jobId": {"S": "up"}},
                 "UpdateExpression": "SET #s = :s", "ExpressionAttributeNames": {"#s": "status"},
                 "ExpressionAttributeValues": {":s": {"S": "RUNNING"}}, "ReturnValues": "UPDATED_NEW"}""");
        assertThat(loud.output().get("Attributes")).isEqualTo(json("{\"status\":{\"S\":\"RUNNING\"}}"));
        ExecutionOutcome deleted = call("deleteItem", """
                {"TableName": "TABLE", "Key": {"userId": {"S": "u1"}, "jobId": {"S": "up"}},
                 "ReturnValues": "ALL_OLD"}""");
        assertThat(deleted.output().at("/Attributes/status/S").textValue()).isEqualTo("RUNNING");
        assertThat(call("getItem", """
                {"TableName": "TABLE", "Key": {"userId": {"S": "u1"}, "jobId": {"S": "up"}}}""").output().has("Item"))
                .isFalse();
    }

    @Test
    void errorsAreNamedAfterTheDynamoDbExceptions() {
        ExecutionOutcome conditional = call("updateItem", """
                {"TableName": "TABLE", "Key": {"userId": {"S": "u1"}, "jobId": {"S": "none"}},
                 "UpdateExpression": "SET a = :a", "ConditionExpression": "attribute_exists(jobId)",
                 "ExpressionAttributeValues": {":a": {"S": "x"}}}""");
        assertThat(conditional.error()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
        assertThat(conditional.cause()).matches("The conditional request failed \\(Service: AmazonDynamoDBv2; "
                + "Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: .*; Proxy: null\\)");

        ExecutionOutcome missingTable = call("getItem", """
                {"TableName": "no-such-table", "Key": {"userId": {"S": "u1"}, "jobId": {"S": "x"}}}""");
        assertThat(missingTable.error()).isEqualTo("DynamoDB.ResourceNotFoundException");

        ExecutionOutcome invalid = call("putItem", """
                {"TableName": "TABLE", "Item": {"userId": {"S": "u1"}}}""");
        assertThat(invalid.error()).isEqualTo("DynamoDB.AmazonDynamoDBException");
        assertThat(invalid.cause()).contains("Error Code: ValidationException");
    }

    @Test
    void unsupportedParametersFailTheTask() {
        ExecutionOutcome outcome = call("getItem", "{\"TableName\": \"TABLE\", \"Key\": {}, \"Bogus\": 1}");
        assertThat(outcome.error()).isEqualTo("States.Runtime");
        assertThat(outcome.cause()).contains("'Bogus'");
    }
}
