package dev.persona.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctions;

/** Invokes a Lambda function by name with an event and waits for it, as API Gateway's integration does. */
@FunctionalInterface
public interface FunctionInvoker {

    LambdaFunctions.Invocation invoke(String functionName, JsonNode event) throws InterruptedException;
}
