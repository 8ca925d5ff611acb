package dev.persona.http;

import java.util.LinkedHashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.persona.contracts.GatewayResponses;
import dev.persona.json.Json;

/**
 * A response before it goes on the wire: status, headers and a text body. Every response is
 * {@code Cache-Control: no-store} (it is one user's data) and {@code nosniff}.
 */
public record ApiResponse(int status, Map<String, String> headers, String body) {

    public static final String JSON = "application/json";

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    /** {@code value} serialized as JSON. */
    public static ApiResponse json(int status, Object value) {
        try {
            return jsonText(status, Json.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response body is not serializable", e);
        }
    }

    /** A body that already is JSON text. */
    public static ApiResponse jsonText(int status, String json) {
        return new ApiResponse(status, Map.of("Content-Type", JSON), json);
    }

    public static ApiResponse problem(Problem problem) {
        try {
            return new ApiResponse(problem.status(), Map.of("Content-Type", GatewayResponses.PROBLEM_JSON),
                    Json.MAPPER.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("problem is not serializable", e);
        }
    }

    /** 204: done, nothing to say. */
    public static ApiResponse noContent() {
        return new ApiResponse(204, Map.of(), null);
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, copy, body);
    }

    /**
     * Adds a strong {@code ETag} of the body and, when the request's {@code If-None-Match} already
     * names it, turns this into a bodiless 304 that keeps the other headers.
     */
    public ApiResponse withEntityTag(ApiRequest request) {
        return withHeader("ETag", EntityTags.of(body)).withEntityTagIfNoneMatch(request);
    }

    /**
     * For a response that carries its {@code ETag} already (the revision of what it shows): a bodiless 304 keeping
     * the other headers when the request's {@code If-None-Match} names it.
     */
    public ApiResponse withEntityTagIfNoneMatch(ApiRequest request) {
        String tag = headers.get("ETag");
        if (tag == null || request.header("If-None-Match").filter(tags -> EntityTags.matches(tags, tag)).isEmpty()) {
            return this;
        }
        Map<String, String> notModified = new LinkedHashMap<>(headers);
        notModified.remove("Content-Type");
        return new ApiResponse(304, notModified, null);
    }

    /** The proxy integration's response, with {@code extraHeaders} (CORS) and the defaults added. */
    public APIGatewayProxyResponseEvent toEvent(Map<String, String> extraHeaders) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(extraHeaders);
        all.put("Cache-Control", "no-store");
        all.put("X-Content-Type-Options", "nosniff");
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(all)
                .withBody(body)
                .withIsBase64Encoded(false);
    }
}
