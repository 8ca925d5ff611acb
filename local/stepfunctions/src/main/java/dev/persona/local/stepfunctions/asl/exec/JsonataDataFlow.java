package dev.persona.local.stepfunctions.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.states.Assignment;
import dev.persona.local.stepfunctions.asl.states.Catcher;
import dev.persona.local.stepfunctions.asl.states.DataFlow;
import dev.persona.local.stepfunctions.asl.states.PassState;

/** The JSONata data flow: Arguments, then Assign and Output, all reading {@code $states}. */
final class JsonataDataFlow implements DataFlowProcessor {

    static final JsonataDataFlow INSTANCE = new JsonataDataFlow();

    private JsonataDataFlow() {
    }

    @Override
    public JsonNode selectedInput(StateVisit visit) {
        return visit.rawInput;
    }

    @Override
    public JsonNode effectiveInput(StateVisit visit) {
        DataFlow flow = visit.state.dataFlow();
        JsonNode arguments = flow.arguments() == null ? visit.rawInput
                : flow.arguments().evaluate(visit.scope(visit.rawInput));
        visit.inspected("afterArguments", arguments);
        return arguments;
    }

    @Override
    public JsonNode passResult(StateVisit visit, PassState pass) {
        return null;
    }

    @Override
    public Step finishWithResult(StateVisit visit, JsonNode result) {
        if (result != null) {
            visit.inspected("result", result);
        }
        DataFlow flow = visit.state.dataFlow();
        return finish(visit, result, flow.output(), flow.assign(), visit.state.next());
    }

    @Override
    public Step finishWithoutResult(StateVisit visit, String next, Assignment assign, JsonataTemplate output) {
        DataFlow flow = visit.state.dataFlow();
        return finish(visit, null, output != null ? output : flow.output(), assign != null ? assign : flow.assign(),
                next);
    }

    @Override
    public Step caught(StateVisit visit, Catcher catcher, ObjectNode errorOutput) {
        StateScope scope = new StateScope(visit, visit.rawInput, null, errorOutput, null);
        JsonNode output = catcher.output() != null ? catcher.output().evaluate(scope) : errorOutput;
        ObjectNode assignments = catcher.assign() == null ? null : catcher.assign().evaluate(scope);
        return new Step(catcher.next(), output, assignments);
    }

    /** Output (default: the result, else the input) and Assign, both evaluated before the variables change. */
    private static Step finish(StateVisit visit, JsonNode result, JsonataTemplate output, Assignment assign,
                               String next) {
        StateScope scope = new StateScope(visit, visit.rawInput, result, null, null);
        ObjectNode assignments = assign == null ? null : assign.evaluate(scope);
        JsonNode value = output != null ? output.evaluate(scope) : result != null ? result : visit.rawInput;
        return visit.exit(value, assignments, next);
    }
}
