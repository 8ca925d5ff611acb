package dev.persona.local.stepfunctions.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.asl.states.State;

/** AWS's payload size limit on state outputs and task results. */
final class Payloads {

    private Payloads() {
    }

    static void check(ExecutionRun run, State state, JsonNode value) {
        if (Json.sizeInBytes(value) > run.limits().payloadBytes()) {
            throw StatesFailure.of(StatesError.DATA_LIMIT_EXCEEDED, "The state/task '" + state.name()
                    + "' returned a result with a size exceeding the maximum number of bytes service limit.");
        }
    }
}
