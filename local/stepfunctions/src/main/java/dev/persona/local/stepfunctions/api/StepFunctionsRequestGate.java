package dev.persona.local.stepfunctions.api;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.StepFunctionsException;

/**
 * Decides whether the endpoint serves a request, before it reaches the service: where the embedding runtime
 * authenticates the caller's signature and authorizes the action. A refusal is a {@link StepFunctionsException},
 * answered in the protocol's error shape.
 */
@FunctionalInterface
public interface StepFunctionsRequestGate {

    /** Serves every request: for an endpoint embedded without a permission model (tests of the interpreter). */
    StepFunctionsRequestGate OPEN = request -> {
    };

    /** @throws StepFunctionsException to refuse the request */
    void check(Request request);

    /**
     * One request as it arrived.
     *
     * @param action  the operation ({@code StartExecution}), from {@code X-Amz-Target}
     * @param headers the values of a header, by name (case-insensitive), empty when absent
     * @param body    the exact bytes, for the signature
     * @param input   the body parsed
     */
    record Request(String action, String method, String rawPath, String rawQuery,
            Function<String, List<String>> headers, byte[] body, JsonNode input) {
    }
}
