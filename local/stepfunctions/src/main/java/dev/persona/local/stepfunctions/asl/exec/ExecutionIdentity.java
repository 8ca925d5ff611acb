package dev.persona.local.stepfunctions.asl.exec;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.Timestamps;

/**
 * Who an execution is: the names and ARNs the context object and the history report, and which attempt this is
 * ({@code redriveCount} 0 for the original run, {@code redriveTime} null until the first redrive).
 */
public record ExecutionIdentity(String executionArn, String executionName, String stateMachineArn,
                                String stateMachineName, String roleArn, String region, JsonNode input,
                                Instant startTime, int redriveCount, Instant redriveTime) {

    public ExecutionIdentity(String executionArn, String executionName, String stateMachineArn,
                             String stateMachineName, String roleArn, String region, JsonNode input,
                             Instant startTime) {
        this(executionArn, executionName, stateMachineArn, stateMachineName, roleArn, region, input, startTime, 0,
                null);
    }

    /** The same execution, redriven once more at {@code time}. */
    public ExecutionIdentity redriven(Instant time) {
        return new ExecutionIdentity(executionArn, executionName, stateMachineArn, stateMachineName, roleArn, region,
                input, startTime, redriveCount + 1, time);
    }

    /** {@code $$.Execution}. */
    ObjectNode executionContext() {
        ObjectNode execution = Json.object();
        execution.put("Id", executionArn);
        execution.set("Input", input);
        execution.put("StartTime", Timestamps.format(startTime));
        execution.put("Name", executionName);
        execution.put("RoleArn", roleArn);
        execution.put("RedriveCount", redriveCount);
        if (redriveTime != null) {
            execution.put("RedriveTime", Timestamps.format(redriveTime));
        }
        return execution;
    }

    /** {@code $$.StateMachine}. */
    ObjectNode stateMachineContext() {
        ObjectNode stateMachine = Json.object();
        stateMachine.put("Id", stateMachineArn);
        stateMachine.put("Name", stateMachineName);
        return stateMachine;
    }
}
