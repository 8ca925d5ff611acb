package dev.persona.contracts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Responses API Gateway itself sends (the authorizer denied, throttling, no route…). Both the CDK app
 * (gateway responses) and the local gateway render them from this table, as problem+json with CORS
 * headers, so a client sees one error format whether a handler or the gateway answered.
 */
public final class GatewayResponses {

    public static final String PROBLEM_JSON = "application/problem+json";
    /** Prefix of every problem {@code type}; the suffix is the code in lower case with dashes. */
    public static final String PROBLEM_TYPE_PREFIX = "urn:persona:problem:";
    /** API Gateway's variable for the request id, substituted by the gateway when it renders a body. */
    public static final String REQUEST_ID_VARIABLE = "$context.requestId";
    /** The member of a gateway problem that a tRPC client reads: the same refusal as a tRPC error. */
    public static final String TRPC_ERROR_MEMBER = "error";

    /**
     * One gateway response.
     *
     * @param gatewayType API Gateway's response type (for example {@code UNAUTHORIZED})
     * @param status      HTTP status
     * @param code        stable problem code
     * @param title       short summary
     * @param detail      what the client should do
     */
    public record Entry(String gatewayType, int status, String code, String title, String detail) {

        /**
         * The problem+json body; {@code $context.requestId} is left for the gateway to fill in. It also carries the
         * refusal as a tRPC error ({@link #TRPC_ERROR_MEMBER}): a gateway response is one body for every route (API
         * Gateway renders its templates without logic), and {@code @trpc/client} reads only that member.
         */
        public String bodyTemplate() {
            TrpcErrorCode trpc = TrpcErrorCode.forHttpStatus(status);
            return "{\"type\":\"" + problemType(code) + "\",\"title\":\"" + title + "\",\"status\":" + status
                    + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\",\"requestId\":\""
                    + REQUEST_ID_VARIABLE + "\",\"" + TRPC_ERROR_MEMBER + "\":{\"message\":\"" + detail
                    + "\",\"code\":" + trpc.jsonRpcCode() + ",\"data\":{\"code\":\"" + trpc.name()
                    + "\",\"httpStatus\":" + status + ",\"problemCode\":\"" + code + "\",\"requestId\":\""
                    + REQUEST_ID_VARIABLE + "\"}}}";
        }
    }

    public static final Entry UNAUTHORIZED = new Entry("UNAUTHORIZED", 401, "UNAUTHORIZED", "Unauthorized",
            "Sign in again: a valid bearer token is required.");
    public static final Entry ACCESS_DENIED = new Entry("ACCESS_DENIED", 403, "ACCESS_DENIED", "Forbidden",
            "This token does not grant access to this resource.");
    public static final Entry THROTTLED = new Entry("THROTTLED", 429, "TOO_MANY_REQUESTS", "Too Many Requests",
            "Slow down and retry after a short wait.");
    public static final Entry MISSING_ROUTE = new Entry("MISSING_AUTHENTICATION_TOKEN", 404, "NOT_FOUND",
            "Not Found", "No such route.");
    public static final Entry BAD_REQUEST_BODY = new Entry("BAD_REQUEST_BODY", 400, "VALIDATION_FAILED",
            "Validation Failed", "The request body does not match its schema.");
    public static final Entry REQUEST_TOO_LARGE = new Entry("REQUEST_TOO_LARGE", 413, "CONTENT_TOO_LARGE",
            "Content Too Large", "The request is larger than the API accepts.");
    public static final Entry UNSUPPORTED_MEDIA_TYPE = new Entry("UNSUPPORTED_MEDIA_TYPE", 415,
            "UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type", "Send the request body as application/json.");
    public static final Entry QUOTA_EXCEEDED = new Entry("QUOTA_EXCEEDED", 429, "TOO_MANY_REQUESTS",
            "Too Many Requests", "The usage plan's quota is used up for now.");
    public static final Entry INTEGRATION_TIMEOUT = new Entry("INTEGRATION_TIMEOUT", 504, "GATEWAY_TIMEOUT",
            "Gateway Timeout", "The request took too long. Please retry.");
    /**
     * The catch-alls. API Gateway sends them with the status given here, so every type that deserves its
     * own status (413, 415, 429, 504…) has an entry of its own above.
     */
    public static final Entry DEFAULT_4XX = new Entry("DEFAULT_4XX", 400, "BAD_REQUEST", "Bad Request",
            "The request could not be accepted.");
    public static final Entry DEFAULT_5XX = new Entry("DEFAULT_5XX", 500, "INTERNAL_ERROR", "Internal Server Error",
            "Something went wrong on our side. Please retry later.");

    public static final List<Entry> ALL = List.of(UNAUTHORIZED, ACCESS_DENIED, THROTTLED, MISSING_ROUTE,
            BAD_REQUEST_BODY, REQUEST_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, QUOTA_EXCEEDED, INTEGRATION_TIMEOUT,
            DEFAULT_4XX, DEFAULT_5XX);

    private GatewayResponses() {
    }

    /**
     * The headers of every gateway response, as sent. API Gateway maps a gateway response's headers to static
     * values or request values, never to a choice among several, so the origin is the first allowed one rather
     * than the request's (echoing any Origin would hand every site the body): the same allow-list as the handlers'
     * CORS, and what a browser on another allowed origin cannot read is a generic problem document. Like every
     * answer of the API, never cached and never sniffed.
     */
    public static Map<String, String> headers(List<String> allowedOrigins) {
        if (allowedOrigins.isEmpty()) {
            throw new IllegalArgumentException("at least one allowed origin");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", allowedOrigins.getFirst());
        headers.put("Vary", "Origin");
        headers.put("Content-Type", PROBLEM_JSON);
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        return headers;
    }

    /** {@code urn:persona:problem:not-found} for code {@code NOT_FOUND}. */
    public static String problemType(String code) {
        return PROBLEM_TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
