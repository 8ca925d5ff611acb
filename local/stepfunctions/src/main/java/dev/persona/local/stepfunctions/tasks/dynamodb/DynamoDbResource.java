package dev.persona.local.stepfunctions.tasks.dynamodb;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.tasks.IntegrationClientFactory;
import dev.persona.local.stepfunctions.tasks.TaskInvocation;
import dev.persona.local.stepfunctions.tasks.TaskResource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The optimized DynamoDB integrations {@code getItem}, {@code putItem}, {@code updateItem} and
 * {@code deleteItem}, called through the SDK against a configured endpoint (DynamoDB Local). Results have
 * AWS's shape: the API response in DynamoDB JSON plus {@code SdkHttpMetadata} and {@code SdkResponseMetadata};
 * errors are {@code DynamoDB.<exception>} with the SDK's message format as cause.
 */
public final class DynamoDbResource implements TaskResource {

    public static final Set<String> ACTIONS = Set.of("getItem", "putItem", "updateItem", "deleteItem");

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final Map<String, Set<String>> PARAMETERS = Map.of(
            "getItem", Set.of("TableName", "Key", "ConsistentRead", "ProjectionExpression",
                    "ExpressionAttributeNames", "AttributesToGet", "ReturnConsumedCapacity"),
            "putItem", Set.of("TableName", "Item", "ConditionExpression", "ExpressionAttributeNames",
                    "ExpressionAttributeValues", "ReturnValues", "ReturnConsumedCapacity",
                    "ReturnItemCollectionMetrics", "ReturnValuesOnConditionCheckFailure"),
            "updateItem", Set.of("TableName", "Key", "UpdateExpression", "ConditionExpression",
                    "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnValues",
                    "ReturnConsumedCapacity", "ReturnItemCollectionMetrics", "ReturnValuesOnConditionCheckFailure"),
            "deleteItem", Set.of("TableName", "Key", "ConditionExpression", "ExpressionAttributeNames",
                    "ExpressionAttributeValues", "ReturnValues", "ReturnConsumedCapacity",
                    "ReturnItemCollectionMetrics", "ReturnValuesOnConditionCheckFailure"));

    private final IntegrationClientFactory clients;

    /** Calls DynamoDB with the clients {@code clients} gives for each execution's role. */
    public DynamoDbResource(IntegrationClientFactory clients) {
        this.clients = clients;
    }

    @Override
    public JsonNode invoke(TaskInvocation invocation) {
        String action = invocation.resource().action();
        JsonNode parameters = invocation.parameters();
        for (String field : Json.names(parameters)) {
            if (!PARAMETERS.get(action).contains(field)) {
                throw StatesFailure.of(StatesError.RUNTIME, "The field '" + field + "' is not supported by Step "
                        + "Functions for dynamodb:" + action);
            }
        }
        DynamoDbClient client = clients.forRole(invocation.roleArn()).dynamoDb();
        if (client == null) {
            throw StatesFailure.of(StatesError.RUNTIME, "No DynamoDB client is configured for the role "
                    + invocation.roleArn());
        }
        try {
            return switch (action) {
                case "getItem" -> getItem(client, parameters, invocation);
                case "putItem" -> putItem(client, parameters, invocation);
                case "updateItem" -> updateItem(client, parameters, invocation);
                case "deleteItem" -> deleteItem(client, parameters, invocation);
                default -> throw new IllegalStateException("unsupported action " + action);
            };
        } catch (IllegalArgumentException invalid) {
            throw StatesFailure.of(StatesError.RUNTIME, "Invalid parameters for dynamodb:" + action + ": "
                    + invalid.getMessage());
        } catch (DynamoDbException e) {
            throw failure(e);
        } catch (SdkClientException e) {
            throw new StatesFailure("DynamoDB.SdkClientException", e.getMessage());
        }
    }

    private static JsonNode getItem(DynamoDbClient client, JsonNode p, TaskInvocation invocation) {
        GetItemResponse response = client.getItem(b -> b.tableName(text(p, "TableName"))
                .key(AttributeValues.toMap(p.path("Key"), "Key"))
                .consistentRead(p.has("ConsistentRead") ? p.get("ConsistentRead").asBoolean() : null)
                .projectionExpression(optionalText(p, "ProjectionExpression"))
                .expressionAttributeNames(names(p))
                .attributesToGet(p.has("AttributesToGet") ? strings(p.get("AttributesToGet")) : null)
                .returnConsumedCapacity(optionalText(p, "ReturnConsumedCapacity")));
        ObjectNode result = Json.object();
        if (response.hasItem() && !response.item().isEmpty()) {
            result.set("Item", AttributeValues.fromMap(response.item()));
        }
        return finish(result, response.consumedCapacity(), null, response, invocation);
    }

    private static JsonNode putItem(DynamoDbClient client, JsonNode p, TaskInvocation invocation) {
        PutItemResponse response = client.putItem(b -> b.tableName(text(p, "TableName"))
                .item(AttributeValues.toMap(p.path("Item"), "Item"))
                .conditionExpression(optionalText(p, "ConditionExpression"))
                .expressionAttributeNames(names(p))
                .expressionAttributeValues(values(p))
                .returnValues(optionalText(p, "ReturnValues"))
                .returnConsumedCapacity(optionalText(p, "ReturnConsumedCapacity"))
                .returnItemCollectionMetrics(optionalText(p, "ReturnItemCollectionMetrics"))
                .returnValuesOnConditionCheckFailure(optionalText(p, "ReturnValuesOnConditionCheckFailure")));
        return attributes(response.hasAttributes() ? response.attributes() : null, response.consumedCapacity(),
                response.itemCollectionMetrics(), response, invocation);
    }

    private static JsonNode updateItem(DynamoDbClient client, JsonNode p, TaskInvocation invocation) {
        UpdateItemResponse response = client.updateItem(b -> b.tableName(text(p, "TableName"))
                .key(AttributeValues.toMap(p.path("Key"), "Key"))
                .updateExpression(optionalText(p, "UpdateExpression"))
                .conditionExpression(optionalText(p, "ConditionExpression"))
                .expressionAttributeNames(names(p))
                .expressionAttributeValues(values(p))
                .returnValues(optionalText(p, "ReturnValues"))
                .returnConsumedCapacity(optionalText(p, "ReturnConsumedCapacity"))
                .returnItemCollectionMetrics(optionalText(p, "ReturnItemCollectionMetrics"))
                .returnValuesOnConditionCheckFailure(optionalText(p, "ReturnValuesOnConditionCheckFailure")));
        return attributes(response.hasAttributes() ? response.attributes() : null, response.consumedCapacity(),
                response.itemCollectionMetrics(), response, invocation);
    }

    private static JsonNode deleteItem(DynamoDbClient client, JsonNode p, TaskInvocation invocation) {
        DeleteItemResponse response = client.deleteItem(b -> b.tableName(text(p, "TableName"))
                .key(AttributeValues.toMap(p.path("Key"), "Key"))
                .conditionExpression(optionalText(p, "ConditionExpression"))
                .expressionAttributeNames(names(p))
                .expressionAttributeValues(values(p))
                .returnValues(optionalText(p, "ReturnValues"))
                .returnConsumedCapacity(optionalText(p, "ReturnConsumedCapacity"))
                .returnItemCollectionMetrics(optionalText(p, "ReturnItemCollectionMetrics"))
                .returnValuesOnConditionCheckFailure(optionalText(p, "ReturnValuesOnConditionCheckFailure")));
        return attributes(response.hasAttributes() ? response.attributes() : null, response.consumedCapacity(),
                response.itemCollectionMetrics(), response, invocation);
    }

    private static JsonNode attributes(Map<String, AttributeValue> attributes,
                                ConsumedCapacity capacity, ItemCollectionMetrics metrics, DynamoDbResponse response,
                                TaskInvocation invocation) {
        ObjectNode result = Json.object();
        if (attributes != null && !attributes.isEmpty()) {
            result.set("Attributes", AttributeValues.fromMap(attributes));
        }
        return finish(result, capacity, metrics, response, invocation);
    }

    /** Adds capacity and metrics when DynamoDB returned them, then the SDK metadata members AWS adds. */
    private static JsonNode finish(ObjectNode result, ConsumedCapacity capacity, ItemCollectionMetrics metrics,
                                   DynamoDbResponse response, TaskInvocation invocation) {
        if (capacity != null) {
            ObjectNode consumed = result.putObject("ConsumedCapacity");
            consumed.put("TableName", capacity.tableName());
            if (capacity.capacityUnits() != null) {
                consumed.put("CapacityUnits", capacity.capacityUnits());
            }
            if (capacity.readCapacityUnits() != null) {
                consumed.put("ReadCapacityUnits", capacity.readCapacityUnits());
            }
            if (capacity.writeCapacityUnits() != null) {
                consumed.put("WriteCapacityUnits", capacity.writeCapacityUnits());
            }
        }
        if (metrics != null) {
            ObjectNode collection = result.putObject("ItemCollectionMetrics");
            collection.set("ItemCollectionKey", AttributeValues.fromMap(metrics.itemCollectionKey()));
            metrics.sizeEstimateRangeGB().forEach(collection.putArray("SizeEstimateRangeGB")::add);
        }
        String body = Json.write(result);
        SdkHttpResponse http = response.sdkHttpResponse();
        String requestId = response.responseMetadata().requestId();
        if (requestId == null || requestId.equals("UNKNOWN")) {
            requestId = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
        }
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new HashMap<>();
        headers.put("Server", "Server");
        headers.put("Connection", "keep-alive");
        headers.put("x-amzn-RequestId", requestId);
        headers.put("x-amz-crc32", http.firstMatchingHeader("x-amz-crc32").orElse(Long.toString(crc.getValue())));
        headers.put("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        headers.put("Date", HTTP_DATE.format(invocation.time().now()));
        headers.put("Content-Type", "application/x-amz-json-1.0");
        ObjectNode metadata = result.putObject("SdkHttpMetadata");
        ObjectNode all = metadata.putObject("AllHttpHeaders");
        ObjectNode single = metadata.putObject("HttpHeaders");
        for (String name : List.of("Server", "Connection", "x-amzn-RequestId", "x-amz-crc32", "Content-Length",
                "Date", "Content-Type")) {
            all.putArray(name).add(headers.get(name));
        }
        headers.keySet().stream().sorted(String.CASE_INSENSITIVE_ORDER)
                .forEach(name -> single.put(name, headers.get(name)));
        metadata.put("HttpStatusCode", http.statusCode());
        result.putObject("SdkResponseMetadata").put("RequestId", requestId);
        return result;
    }

    /**
     * Step Functions names a DynamoDB error {@code DynamoDB.} and the exception class of the SDK it calls with:
     * modeled exceptions keep their name (DynamoDB.ConditionalCheckFailedException), all others are
     * DynamoDB.AmazonDynamoDBException with DynamoDB's error code in the cause, as AWS records for a
     * ValidationException. An AccessDeniedException (a role without the permission) is one of those others: the
     * SDK's DynamoDB model has no class for it.
     */
    private static StatesFailure failure(DynamoDbException e) {
        String name = e.getClass() == DynamoDbException.class ? "AmazonDynamoDBException"
                : e.getClass().getSimpleName();
        String code = e.awsErrorDetails() == null ? name : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return new StatesFailure("DynamoDB." + name, message + " (Service: AmazonDynamoDBv2; Status Code: "
                + e.statusCode() + "; Error Code: " + code + "; Request ID: " + e.requestId() + "; Proxy: null)");
    }

    private static String text(JsonNode parameters, String field) {
        JsonNode value = parameters.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " is required and must be a string");
        }
        return value.textValue();
    }

    private static String optionalText(JsonNode parameters, String field) {
        return parameters.has(field) ? text(parameters, field) : null;
    }

    private static Map<String, String> names(JsonNode parameters) {
        JsonNode names = parameters.get("ExpressionAttributeNames");
        if (names == null) {
            return null;
        }
        Map<String, String> map = new HashMap<>();
        names.fields().forEachRemaining(entry -> map.put(entry.getKey(), entry.getValue().asText()));
        return map;
    }

    private static Map<String, AttributeValue> values(JsonNode p) {
        return p.has("ExpressionAttributeValues")
                ? AttributeValues.toMap(p.get("ExpressionAttributeValues"), "ExpressionAttributeValues") : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
