package dev.persona.snapstart;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.contracts.AuthorizerContext;
import dev.persona.contracts.FileAttributes;
import dev.persona.contracts.FileEvents;
import dev.persona.contracts.StorageLayout;
import dev.persona.json.Json;

/**
 * The requests functions prime themselves with: shaped as API Gateway and the state machine send them, for a user id
 * no person has (the twin that answers them talks to {@link dev.persona.aws.PrimingClients} only).
 */
public final class PrimingEvents {

    /** A valid storage id that sign-in never produces (provider ids carry the provider's prefix). */
    public static final String USER_ID = "snapstart-priming";
    /** A job id of the same form. */
    public static final String JOB_ID = "snapstart-priming-job";
    /** A file id of the same form. */
    public static final String FILE_ID = "snapstart-priming-file";
    /** The secret a rotation's priming request names; no account has it. */
    public static final String SECRET_ARN =
            "arn:aws:secretsmanager:us-east-1:000000000000:secret:snapstart-priming-AbCdEf";
    /** The execution a step's priming request names as the job's owner; no state machine has it. */
    public static final String EXECUTION_ARN =
            "arn:aws:states:us-east-1:000000000000:execution:persona-pipeline:snapstart-priming";

    private PrimingEvents() {
    }

    /** A REST or tRPC request behind the authorizer; {@code jsonBody} and {@code query} may be null. */
    public static APIGatewayProxyRequestEvent api(String method, String resource, Map<String, String> pathParameters,
                                                  Map<String, String> query, String jsonBody) {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
        event.setHttpMethod(method);
        event.setResource(resource);
        String path = resource;
        for (Map.Entry<String, String> parameter : pathParameters.entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}", parameter.getValue())
                    .replace("{" + parameter.getKey() + "+}", parameter.getValue());
        }
        event.setPath(path);
        event.setPathParameters(pathParameters.isEmpty() ? null : Map.copyOf(pathParameters));
        event.setQueryStringParameters(query);
        Map<String, String> headers = new HashMap<>();
        if (jsonBody != null) {
            headers.put("Content-Type", "application/json");
            event.setBody(jsonBody);
        }
        event.setHeaders(headers);
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setRequestId("snapstart-priming");
        context.setAuthorizer(Map.of("principalId", USER_ID, AuthorizerContext.USER_ID, USER_ID,
                AuthorizerContext.PROVIDER, "google"));
        event.setRequestContext(context);
        return event;
    }

    /** A step's input document, written by the same JSON codec the step reads it with. */
    public static byte[] stepInput(Object request) {
        try {
            return Json.MAPPER.writeValueAsBytes(request);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** EventBridge's Object Created event of a library file in {@code bucket}, as S3 sends it. */
    public static ObjectNode fileCreated(String bucket) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("id", "snapstart-priming-event");
        event.put("detail-type", FileEvents.DETAIL_TYPE);
        event.put("source", FileEvents.SOURCE);
        event.put("time", "2024-03-01T07:30:00Z");
        ObjectNode detail = event.putObject("detail");
        detail.putObject("bucket").put("name", bucket);
        detail.putObject("object").put("key", StorageLayout.fileKey(USER_ID, FILE_ID, "notes.txt"))
                .put("size", 1024).put("etag", "d41d8cd98f00b204e9800998ecf8427e")
                .put("version-id", "snapstart-priming-version").put("sequencer", "0062E99A88DC407460");
        return event;
    }

    /** A batch of the files table's stream as the event source mapping sends it: a file added, grown and deleted. */
    public static ObjectNode fileStreamBatch() {
        ObjectNode event = Json.MAPPER.createObjectNode();
        ArrayNode records = event.putArray("Records");
        ObjectNode small = fileImage(512);
        ObjectNode large = fileImage(1024);
        streamRecord(records, "INSERT", "100", null, small);
        streamRecord(records, "MODIFY", "200", small, large);
        streamRecord(records, "REMOVE", "300", large, null);
        return event;
    }

    /**
     * The pipeline's execution status changes as EventBridge delivers them: a persona built, a user's error, a failure
     * on our side, a timeout and an abort.
     */
    public static List<ObjectNode> executionStatusChanges() {
        return List.of(
                statusChange("SUCCEEDED", null, "{\"persona\":{\"personaKey\":\"personas/p.json\"}}"),
                statusChange("FAILED", "UnsupportedFormat", null),
                statusChange("FAILED", "States.NoChoiceMatched", null),
                statusChange("TIMED_OUT", null, null),
                statusChange("ABORTED", null, null));
    }

    private static ObjectNode statusChange(String status, String error, String output) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("id", "snapstart-priming-event");
        event.put("detail-type", "Step Functions Execution Status Change");
        event.put("source", "aws.states");
        ObjectNode detail = event.putObject("detail");
        detail.put("executionArn", "arn:aws:states:us-east-1:000000000000:execution:persona-pipeline:snapstart-priming");
        detail.put("status", status);
        detail.put("startDate", 1_709_278_200_000L);
        detail.put("stopDate", 1_709_278_260_000L);
        detail.put("input", "{\"time\":\"2024-03-01T07:29:58Z\"}");
        detail.put("output", output);
        detail.put("error", error);
        return event;
    }

    /** The request Secrets Manager sends a rotation function for one of its steps. */
    public static ObjectNode rotationStep(String step) {
        return Json.MAPPER.createObjectNode().put("SecretId", SECRET_ARN)
                .put("ClientRequestToken", "00000000-0000-4000-8000-000000000000").put("Step", step);
    }

    private static ObjectNode fileImage(long size) {
        ObjectNode image = Json.MAPPER.createObjectNode();
        image.putObject(FileAttributes.USER_ID).put("S", USER_ID);
        image.putObject(FileAttributes.FILE_ID).put("S", FILE_ID);
        image.putObject(FileAttributes.SIZE_BYTES).put("N", Long.toString(size));
        image.putObject(FileAttributes.OBJECT_KEY).put("S", StorageLayout.fileKey(USER_ID, FILE_ID, "notes.txt"));
        image.putObject(FileAttributes.CREATED_AT).put("S", "2024-03-01T07:30:00Z");
        return image;
    }

    private static void streamRecord(ArrayNode records, String eventName, String sequenceNumber, ObjectNode oldImage,
                                     ObjectNode newImage) {
        ObjectNode record = records.addObject();
        record.put("eventID", "snapstart-priming-" + sequenceNumber);
        record.put("eventName", eventName);
        record.put("eventSource", "aws:dynamodb");
        ObjectNode dynamodb = record.putObject("dynamodb");
        dynamodb.put("SequenceNumber", sequenceNumber);
        dynamodb.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        if (oldImage != null) {
            dynamodb.set("OldImage", oldImage);
        }
        if (newImage != null) {
            dynamodb.set("NewImage", newImage);
        }
    }
}
