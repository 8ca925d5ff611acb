package dev.persona.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.persona.contracts.AuthorizerContext;
import dev.persona.contracts.StorageLayout;

/** Read access to one API Gateway proxy request, with the caller as the authorizer identified them. */
public final class ApiRequest {

    private final APIGatewayProxyRequestEvent event;
    private final String requestId;

    private ApiRequest(APIGatewayProxyRequestEvent event, String requestId) {
        this.event = event;
        this.requestId = requestId;
    }

    /** The request id is API Gateway's, so it matches the gateway's access logs and error bodies. */
    public static ApiRequest of(APIGatewayProxyRequestEvent event, Context context) {
        String requestId = event.getRequestContext() != null ? event.getRequestContext().getRequestId() : null;
        if (requestId == null && context != null) {
            requestId = context.getAwsRequestId();
        }
        return new ApiRequest(event, requestId != null ? requestId : UUID.randomUUID().toString());
    }

    public String requestId() {
        return requestId;
    }

    public String method() {
        return event.getHttpMethod();
    }

    /** The route's resource path in API Gateway's syntax, for example {@code /v1/jobs/{jobId}}. */
    public String resource() {
        return event.getResource();
    }

    /** Method and resource, as in {@code GET /v1/jobs/{jobId}}: what a handler routes on. */
    public String route() {
        return method() + " " + resource();
    }

    /** The caller's user id; a request that did not pass the authorizer is a 401. */
    public String userId() {
        return callerId().orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED));
    }

    /** The caller's user id when the authorizer supplied a valid one. */
    public Optional<String> callerId() {
        Map<String, Object> authorizer = event.getRequestContext() != null
                ? event.getRequestContext().getAuthorizer() : null;
        Object userId = authorizer != null ? authorizer.get(AuthorizerContext.USER_ID) : null;
        return userId instanceof String id && StorageLayout.isValidId(id) ? Optional.of(id) : Optional.empty();
    }

    /** A string the authorizer passed about the caller ({@code AuthorizerContext.EMAIL}, {@code NAME}…). */
    public Optional<String> callerClaim(String key) {
        Map<String, Object> authorizer = event.getRequestContext() != null
                ? event.getRequestContext().getAuthorizer() : null;
        Object value = authorizer != null ? authorizer.get(key) : null;
        return value instanceof String text && !text.isBlank() ? Optional.of(text) : Optional.empty();
    }

    public Optional<String> pathParameter(String name) {
        return value(event.getPathParameters(), name);
    }

    public Optional<String> queryParameter(String name) {
        return value(event.getQueryStringParameters(), name);
    }

    /** A header by case-insensitive name: clients and proxies do not agree on header case. */
    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && header.getValue() != null) {
                return Optional.of(header.getValue());
            }
        }
        return Optional.empty();
    }

    /** The {@code If-Match} header, or a 428 when the write must name the version it replaces. */
    public String requiredIfMatch() {
        return header("If-Match").filter(value -> !value.isBlank())
                .orElseThrow(() -> new ApiException(ErrorCode.PRECONDITION_REQUIRED));
    }

    /** The body as text; empty when there is none. */
    public String body() {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ApiException(ErrorCode.BAD_REQUEST, "The request body could not be decoded.");
            }
        }
        return body;
    }

    private static Optional<String> value(Map<String, String> values, String name) {
        return values == null ? Optional.empty() : Optional.ofNullable(values.get(name));
    }
}
