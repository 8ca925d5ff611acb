package dev.persona.contracts;

import java.util.Objects;

/**
 * One API route: an HTTP method and a resource path in API Gateway's syntax ({@code /v1/jobs/{jobId}}),
 * served by a function through the Lambda proxy integration behind the JWT authorizer.
 */
public record ApiRoute(String method, String path, FunctionDefinition function) {

    public ApiRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(function, "function");
    }
}
