package dev.persona.local.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.contracts.StorageLayout;
import dev.persona.local.events.UploadEventTarget;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.StepFunctionsException;

/**
 * The upload rule's target, as the CDK app configures it: StartExecution of the pipeline state machine with
 * the whole event as input, for the {@link dev.persona.local.events.UploadEventBridge}. The execution is named after the object version the event announces (its event id
 * when the bucket reports no version), so a redelivered or replayed event names an execution that already
 * exists and starts nothing new.
 */
public final class PipelineTarget implements UploadEventTarget {

    /** Step Functions execution names are at most 80 characters. */
    private static final int MAX_NAME = 80;
    private static final int HASH_CHARACTERS = 16;

    private final LocalStepFunctions stepFunctions;
    private final String stateMachineArn;
    private final ObjectMapper mapper = new ObjectMapper();

    public PipelineTarget(LocalStepFunctions stepFunctions, String stateMachineArn) {
        this.stepFunctions = stepFunctions;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public void deliver(String eventId, String event) {
        startExecution(eventId, event);
    }

    /**
     * Starts the execution for {@code event} (the EventBridge event as JSON) and returns its ARN; an event
     * delivered before returns the execution it started then. Throws when Step Functions refuses, so the
     * bridge retries as EventBridge would.
     */
    public String startExecution(String eventId, String event) {
        String name = executionName(eventId, parse(event));
        try {
            return stepFunctions.startExecution(stateMachineArn, name, event).arn();
        } catch (StepFunctionsException e) {
            if (!e.errorType().equals("ExecutionAlreadyExists")) {
                throw e;
            }
            return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
        }
    }

    /**
     * {@code {uploadId}-{16 hex digits}}: the upload id for people reading execution lists, and a hash of
     * the bucket, the key and the object's version id (or the event id) for uniqueness.
     */
    static String executionName(String eventId, JsonNode event) {
        JsonNode detail = event.path("detail");
        String bucket = detail.at("/bucket/name").asText("");
        String key = detail.at("/object/key").asText("");
        String version = detail.at("/object/version-id").asText(eventId);
        String hash = sha256Hex(bucket + "\n" + key + "\n" + version).substring(0, HASH_CHARACTERS);
        String prefix = StorageLayout.parseUploadKey(key).map(StorageLayout.UploadKey::uploadId).orElse("upload");
        int room = MAX_NAME - HASH_CHARACTERS - 1;
        return (prefix.length() > room ? prefix.substring(0, room) : prefix) + "-" + hash;
    }

    private JsonNode parse(String event) {
        try {
            return mapper.readTree(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the event is not JSON", e);
        }
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
