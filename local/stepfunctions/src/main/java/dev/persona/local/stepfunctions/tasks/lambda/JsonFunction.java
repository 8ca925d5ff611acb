package dev.persona.local.stepfunctions.tasks.lambda;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A function as plain Java, for tests and mocks: payload in, payload out. Throwing fails the invocation like
 * an uncaught exception in a Java handler; throw {@link LambdaFunctionError} to choose the error type and
 * {@link LambdaServiceException} to simulate a Lambda service failure.
 */
@FunctionalInterface
public interface JsonFunction {

    JsonNode apply(JsonNode payload) throws Exception;
}
