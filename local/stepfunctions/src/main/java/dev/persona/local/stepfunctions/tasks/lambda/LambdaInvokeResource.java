package dev.persona.local.stepfunctions.tasks.lambda;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.tasks.TaskInvocation;
import dev.persona.local.stepfunctions.tasks.TaskResource;

/**
 * {@code arn:aws:states:::lambda:invoke}: FunctionName and Payload from the parameters, the result wrapped as
 * the Lambda Invoke API response ({@code ExecutedVersion}, {@code Payload}, {@code SdkHttpMetadata},
 * {@code SdkResponseMetadata}, {@code StatusCode}). A function error fails the task with the function's
 * errorType as error and its error payload as cause.
 */
public final class LambdaInvokeResource implements TaskResource {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final LambdaFunctions functions;
    private final LambdaAccess access;

    public LambdaInvokeResource(LambdaFunctions functions, LambdaInvokeAuthorizer authorizer) {
        this.functions = functions;
        this.access = new LambdaAccess(functions, authorizer);
    }

    @Override
    public JsonNode invoke(TaskInvocation invocation) throws InterruptedException {
        JsonNode parameters = invocation.parameters();
        JsonNode functionName = parameters.path("FunctionName");
        if (!functionName.isTextual()) {
            throw StatesFailure.of(StatesError.RUNTIME, "The field 'FunctionName' is required and must be a string");
        }
        access.check(invocation.roleArn(), functionName.textValue());
        JsonNode payload = parameters.get("Payload");
        String invocationType = parameters.path("InvocationType").asText("RequestResponse");
        if (invocationType.equals("Event")) {
            Thread.ofVirtual().start(() -> {
                try {
                    functions.invoke(functionName.textValue(), payload, invocation.time());
                } catch (InterruptedException | StatesFailure ignored) {
                    // An asynchronous invocation's outcome never reaches the caller, as with Lambda.
                }
            });
            return response(invocation, 202, Json.NODES.textNode(""), UUID.randomUUID().toString());
        }
        LambdaFunctions.Invocation result = functions.invoke(functionName.textValue(), payload, invocation.time());
        return switch (result) {
            case LambdaFunctions.Returned returned -> response(invocation, 200, returned.payload(),
                    returned.requestId());
            case LambdaFunctions.Failed failed -> throw new StatesFailure(failed.errorType(), failed.errorPayload());
        };
    }

    private static JsonNode response(TaskInvocation invocation, int statusCode, JsonNode payload, String requestId) {
        String body = Json.write(payload);
        String date = HTTP_DATE.format(invocation.time().now());
        ObjectNode response = Json.object();
        response.put("ExecutedVersion", "$LATEST");
        response.set("Payload", payload);
        ObjectNode metadata = response.putObject("SdkHttpMetadata");
        ObjectNode all = metadata.putObject("AllHttpHeaders");
        ObjectNode headers = metadata.putObject("HttpHeaders");
        header(all, headers, "X-Amz-Executed-Version", "$LATEST");
        header(all, headers, "x-amzn-Remapped-Content-Length", "0");
        header(all, headers, "Connection", "keep-alive");
        header(all, headers, "x-amzn-RequestId", requestId);
        header(all, headers, "Content-Length", Integer.toString(body.length()));
        header(all, headers, "Date", date);
        header(all, headers, "X-Amzn-Trace-Id", "Root=1-" + Long.toHexString(invocation.time().now().getEpochSecond())
                + "-" + requestId.replace("-", "").substring(0, 24) + ";Sampled=0");
        header(all, headers, "Content-Type", "application/json");
        metadata.put("HttpStatusCode", statusCode);
        response.putObject("SdkResponseMetadata").put("RequestId", requestId);
        response.put("StatusCode", statusCode);
        return response;
    }

    private static void header(ObjectNode all, ObjectNode headers, String name, String value) {
        all.putArray(name).add(value);
        headers.put(name, value);
    }
}
