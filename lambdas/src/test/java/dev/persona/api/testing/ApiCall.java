package dev.persona.api.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.persona.contracts.AuthorizerContext;

/** Builds proxy requests the way API Gateway sends them to a handler behind the authorizer. */
public final class ApiCall {

    private final APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
    private final Map<String, String> headers = new HashMap<>();
    private final Map<String, String> pathParameters = new HashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private final Map<String, Object> authorizer = new HashMap<>();

    private ApiCall(String method, String resource) {
        event.setHttpMethod(method);
        event.setResource(resource);
        event.setPath(resource);
        headers.put("Origin", LocalAws.ORIGIN);
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setRequestId(UUID.randomUUID().toString());
        context.setAuthorizer(authorizer);
        event.setRequestContext(context);
    }

    public static ApiCall of(String method, String resource) {
        return new ApiCall(method, resource);
    }

    /** The caller, as the authorizer put them in the context. */
    public ApiCall as(String userId) {
        authorizer.put("principalId", userId);
        authorizer.put(AuthorizerContext.USER_ID, userId);
        authorizer.put(AuthorizerContext.PROVIDER, "google");
        return this;
    }

    /** Another value the authorizer passed about the caller ({@code email}, {@code name}, {@code locale}). */
    public ApiCall claim(String key, String value) {
        authorizer.put(key, value);
        return this;
    }

    /** A body of another media type, as the client sent it. */
    public ApiCall body(String contentType, String body) {
        headers.put("Content-Type", contentType);
        event.setBody(body);
        return this;
    }

    public ApiCall path(String name, String value) {
        pathParameters.put(name, value);
        event.setPath(event.getPath().replace("{" + name + "}", value));
        return this;
    }

    public ApiCall query(String name, String value) {
        query.put(name, value);
        return this;
    }

    public ApiCall header(String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    public ApiCall jsonBody(String json) {
        headers.put("Content-Type", "application/json");
        event.setBody(json);
        return this;
    }

    public APIGatewayProxyRequestEvent event() {
        event.setHeaders(Map.copyOf(headers));
        event.setPathParameters(pathParameters.isEmpty() ? null : Map.copyOf(pathParameters));
        event.setQueryStringParameters(query.isEmpty() ? null : Map.copyOf(query));
        return event;
    }
}
