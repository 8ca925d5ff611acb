package dev.persona.trpc;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.contracts.TrpcErrorCode;
import dev.persona.http.FieldError;
import dev.persona.http.Problem;
import dev.persona.http.ProblemMapper;
import dev.persona.json.Json;

/**
 * A failed call as tRPC's error shape: {@code {message, code: <JSON-RPC number>, data: {code, httpStatus, path}}},
 * with the API's problem in {@code data} as a tRPC error formatter would add it: {@code problemCode} (the REST API's
 * code, such as {@code VALIDATION_FAILED}), {@code requestId} and, for invalid input, {@code errors}. The one mapping
 * from the API's errors to tRPC's is the HTTP status ({@link TrpcErrorCode#forHttpStatus}).
 *
 * @param code        tRPC's code
 * @param message     safe to show; never a stack trace or an internal name
 * @param problemCode the API's error code, or null for a refusal of the protocol itself
 * @param errors      the invalid input fields
 */
record TrpcError(TrpcErrorCode code, String message, String problemCode, List<FieldError> errors) {

    TrpcError {
        errors = List.copyOf(errors);
    }

    /** The error a failure is: the protocol's refusal, or the problem the API's one mapper makes of it. */
    static TrpcError of(Throwable failure, String requestId) {
        if (failure instanceof TrpcProtocolException protocol) {
            return new TrpcError(protocol.code(), protocol.getMessage(), null, List.of());
        }
        Problem problem = ProblemMapper.toProblem(failure, requestId);
        return new TrpcError(TrpcErrorCode.forHttpStatus(problem.status()), problem.detail(), problem.code(),
                problem.errors());
    }

    /** The error shape; {@code path} is the procedure's, or null for an error of the whole request. */
    ObjectNode shape(String path, String requestId) {
        ObjectNode shape = Json.MAPPER.createObjectNode();
        shape.put("message", message);
        shape.put("code", code.jsonRpcCode());
        ObjectNode data = shape.putObject("data");
        data.put("code", code.name());
        data.put("httpStatus", code.httpStatus());
        if (path != null) {
            data.put("path", path);
        }
        if (problemCode != null) {
            data.put("problemCode", problemCode);
        }
        data.put("requestId", requestId);
        if (!errors.isEmpty()) {
            ArrayNode fields = data.putArray("errors");
            errors.forEach(error -> fields.addObject().put("field", error.field()).put("message", error.message()));
        }
        return shape;
    }
}
