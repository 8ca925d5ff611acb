package dev.persona.contracts;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The error codes of the tRPC protocol (v11): each one's JSON-RPC 2.0 number, sent as the error's {@code code}, and
 * the HTTP status tRPC answers it with, sent as {@code data.httpStatus}. The API's own errors become tRPC errors by
 * their HTTP status through {@link #forHttpStatus}, the table tRPC itself uses to name a status, so a client sees
 * the same status from the REST routes and from {@code /trpc}.
 */
public enum TrpcErrorCode {
    PARSE_ERROR(-32700, 400),
    BAD_REQUEST(-32600, 400),
    INTERNAL_SERVER_ERROR(-32603, 500),
    NOT_IMPLEMENTED(-32603, 501),
    BAD_GATEWAY(-32603, 502),
    SERVICE_UNAVAILABLE(-32603, 503),
    GATEWAY_TIMEOUT(-32603, 504),
    UNAUTHORIZED(-32001, 401),
    PAYMENT_REQUIRED(-32002, 402),
    FORBIDDEN(-32003, 403),
    NOT_FOUND(-32004, 404),
    METHOD_NOT_SUPPORTED(-32005, 405),
    TIMEOUT(-32008, 408),
    CONFLICT(-32009, 409),
    PRECONDITION_FAILED(-32012, 412),
    PAYLOAD_TOO_LARGE(-32013, 413),
    UNSUPPORTED_MEDIA_TYPE(-32015, 415),
    UNPROCESSABLE_CONTENT(-32022, 422),
    PRECONDITION_REQUIRED(-32028, 428),
    TOO_MANY_REQUESTS(-32029, 429),
    CLIENT_CLOSED_REQUEST(-32099, 499);

    /** tRPC's name for each status it knows; PARSE_ERROR shares 400 with BAD_REQUEST, which names it. */
    private static final Map<Integer, TrpcErrorCode> BY_STATUS = Arrays.stream(values())
            .filter(code -> code != PARSE_ERROR)
            .collect(Collectors.toUnmodifiableMap(TrpcErrorCode::httpStatus, Function.identity()));

    private final int jsonRpcCode;
    private final int httpStatus;

    TrpcErrorCode(int jsonRpcCode, int httpStatus) {
        this.jsonRpcCode = jsonRpcCode;
        this.httpStatus = httpStatus;
    }

    /** The number sent as the error's {@code code}. */
    public int jsonRpcCode() {
        return jsonRpcCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The code of an HTTP status, as tRPC names one; a status it has no name for is an internal error. */
    public static TrpcErrorCode forHttpStatus(int status) {
        return BY_STATUS.getOrDefault(status, INTERNAL_SERVER_ERROR);
    }
}
