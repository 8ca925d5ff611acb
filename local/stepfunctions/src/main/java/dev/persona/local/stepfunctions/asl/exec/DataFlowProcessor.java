package dev.persona.local.stepfunctions.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.states.Assignment;
import dev.persona.local.stepfunctions.asl.states.Catcher;
import dev.persona.local.stepfunctions.asl.states.PassState;
import dev.persona.local.stepfunctions.asl.states.State;

/**
 * How a state turns its input into what it works on, and its result into its output: the one place where the
 * JSONPath fields (InputPath, Parameters, ResultSelector, ResultPath, OutputPath) and the JSONata ones
 * (Arguments, Output) differ. Assign is evaluated here in both languages.
 */
sealed interface DataFlowProcessor permits JsonPathDataFlow, JsonataDataFlow {

    static DataFlowProcessor of(State state) {
        return state.usesJsonata() ? JsonataDataFlow.INSTANCE : JsonPathDataFlow.INSTANCE;
    }

    /**
     * What a state's settings and rules read as their input (TimeoutSecondsPath, Choice rules, a Wait's
     * SecondsPath, a Map's items): the input after InputPath, or the raw input in JSONata.
     */
    JsonNode selectedInput(StateVisit visit);

    /** What a Task or Parallel state works on: InputPath then Parameters, or Arguments. */
    JsonNode effectiveInput(StateVisit visit);

    /** A Pass state's result: its Result or its effective input; null in JSONata, where Output reads the input. */
    JsonNode passResult(StateVisit visit, PassState pass);

    /**
     * Output processing of a state that produced {@code result} (Task, Parallel, Map, Pass): ResultSelector,
     * Assign, ResultPath and OutputPath, or Assign and Output (default: the result). Leaves the state.
     */
    Step finishWithResult(StateVisit visit, JsonNode result);

    /**
     * Output processing of a state without a result (Choice, Wait, Succeed): Assign and OutputPath, or Assign and
     * Output (default: the input). {@code assign} and {@code output}, when not null, are a Choice rule's and
     * replace the state's own. Leaves the state towards {@code next}.
     */
    Step finishWithoutResult(StateVisit visit, String next, Assignment assign, JsonataTemplate output);

    /**
     * The transition of a failure that {@code catcher} took: the state's output (ResultPath over the input, or
     * Output; default: the error output) and the catcher's assignments, towards its Next. The state does not exit.
     */
    Step caught(StateVisit visit, Catcher catcher, ObjectNode errorOutput);
}
