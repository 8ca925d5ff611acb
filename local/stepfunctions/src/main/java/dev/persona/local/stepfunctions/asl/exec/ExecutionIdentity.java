package dev.persona.local.stepfunctions.asl.exec;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.Timestamps;

/** Who an execution is: the names and ARNs the context object and the history report. */
public record ExecutionIdentity(String executionArn, String executionName, String stateMachineArn,
                                String stateMachineName, String roleArn, String region, JsonNode input,
                                Instant startTime) {

    /** {@code $$.Execution}. */
    ObjectNode executionContext() {
        ObjectNode execution = Json.object();
        execution.put("Id", executionArn);
        execution.set("Input", input);
        execution.put("StartTime", Timestamps.format(startTime));
        execution.put("Name", executionName);
        execution.put("RoleArn", roleArn);
        execution.put("RedriveCount", 0);
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
