package dev.persona.api.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.StateMachineSubstitutions;
import dev.persona.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Performs the state machine's own job writes: the {@code dynamodb:updateItem} parameters of a state
 * of {@code persona-pipeline.asl.json}, with its paths bound to given values. The API's tests thereby
 * read job items exactly as the pipeline writes them, and notice when the definition changes.
 */
public final class PipelineWrites {

    private static final JsonNode STATES = load();

    private final DynamoDbClient dynamoDb;
    private final String table;

    public PipelineWrites(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /**
     * Runs state {@code state}'s update with {@code bindings}: path or intrinsic expression as written in
     * the definition (e.g. {@code $.userId}, {@code States.JsonToString($.object.size)}) to its value.
     */
    public void run(String state, Map<String, String> bindings) {
        JsonNode parameters = STATES.path(state).path("Parameters");
        if (!STATES.path(state).path("Resource").asText().endsWith("dynamodb:updateItem")) {
            throw new IllegalArgumentException(state + " is not a DynamoDB update");
        }
        Map<String, String> names = new HashMap<>();
        parameters.path("ExpressionAttributeNames").fields()
                .forEachRemaining(name -> names.put(name.getKey(), name.getValue().asText()));
        dynamoDb.updateItem(update -> update.tableName(table)
                .key(attributes(parameters.get("Key"), bindings))
                .updateExpression(parameters.get("UpdateExpression").asText())
                .conditionExpression(parameters.get("ConditionExpression").asText())
                .expressionAttributeNames(names)
                .expressionAttributeValues(attributes(parameters.get("ExpressionAttributeValues"), bindings)));
    }

    private static Map<String, AttributeValue> attributes(JsonNode values, Map<String, String> bindings) {
        Map<String, AttributeValue> attributes = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Map.Entry<String, JsonNode> typed = entry.getValue().fields().next();
            String type = typed.getKey().replace(".$", "");
            String value = typed.getKey().endsWith(".$") ? bound(typed.getValue().asText(), bindings)
                    : typed.getValue().asText();
            attributes.put(entry.getKey(), type.equals("N") ? AttributeValue.fromN(value) : AttributeValue.fromS(value));
        }
        return attributes;
    }

    private static String bound(String path, Map<String, String> bindings) {
        String value = bindings.get(path);
        if (value == null) {
            throw new IllegalArgumentException("no value bound for " + path);
        }
        return value;
    }

    private static JsonNode load() {
        try (InputStream in = PipelineWrites.class.getClassLoader()
                .getResourceAsStream(StateMachineSubstitutions.PIPELINE_DEFINITION)) {
            return Json.MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)).get("States");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
