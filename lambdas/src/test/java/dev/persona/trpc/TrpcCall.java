package dev.persona.trpc;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.api.testing.ApiCall;
import dev.persona.contracts.ApiRoutes;
import dev.persona.json.Json;

/** Requests to {@code /trpc/{proxy+}} as API Gateway passes them on, built the way {@code @trpc/client} sends them. */
final class TrpcCall {

    private TrpcCall() {
    }

    /** {@code GET /trpc/{paths}} with {@code input} (null: none) and, when {@code batch}, {@code ?batch=1}. */
    static ApiCall get(String paths, String input, boolean batch) {
        ApiCall call = ApiCall.of("GET", ApiRoutes.TRPC_RESOURCE).path(ApiRoutes.TRPC_PATH_PARAMETER, paths);
        if (input != null) {
            call.query("input", input);
        }
        return batch ? call.query("batch", "1") : call;
    }

    /** {@code POST /trpc/{paths}} with the JSON body {@code input} (null: none), as a mutation is sent. */
    static ApiCall post(String paths, String input, boolean batch) {
        ApiCall call = ApiCall.of("POST", ApiRoutes.TRPC_RESOURCE).path(ApiRoutes.TRPC_PATH_PARAMETER, paths)
                .header("Content-Type", "application/json");
        if (input != null) {
            call.jsonBody(input);
        }
        return batch ? call.query("batch", "1") : call;
    }

    /** The response and its body as JSON. */
    record Answer(int status, JsonNode body, APIGatewayProxyResponseEvent response) {

        /** The error of a single call's answer. */
        JsonNode error() {
            return body.path("error");
        }
    }

    static Answer send(TrpcHandler handler, APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
        try {
            return new Answer(response.getStatusCode(), Json.MAPPER.readTree(response.getBody()), response);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }
}
