package dev.persona.local.stepfunctions.tasks.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.tasks.TaskInvocation;
import dev.persona.local.stepfunctions.tasks.TaskResource;

/** A function ARN as Resource: the effective input is the payload and the function's payload the result. */
public final class LambdaFunctionResource implements TaskResource {

    private final LambdaFunctions functions;
    private final LambdaAccess access;

    public LambdaFunctionResource(LambdaFunctions functions, LambdaInvokeAuthorizer authorizer) {
        this.functions = functions;
        this.access = new LambdaAccess(functions, authorizer);
    }

    @Override
    public JsonNode invoke(TaskInvocation invocation) throws InterruptedException {
        access.check(invocation.roleArn(), invocation.resource().arn());
        LambdaFunctions.Invocation result = functions.invoke(invocation.resource().arn(), invocation.parameters(),
                invocation.time());
        return switch (result) {
            case LambdaFunctions.Returned returned -> returned.payload();
            case LambdaFunctions.Failed failed -> throw new StatesFailure(failed.errorType(), failed.errorPayload());
        };
    }
}
