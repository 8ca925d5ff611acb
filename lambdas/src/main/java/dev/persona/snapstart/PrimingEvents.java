package dev.persona.snapstart;

import java.util.HashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.persona.contracts.AuthorizerContext;
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
}
