package dev.persona.local.stepfunctions.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;
import dev.persona.local.stepfunctions.asl.paths.JsonPath;
import dev.persona.local.stepfunctions.asl.paths.PathNotFoundException;
import dev.persona.local.stepfunctions.asl.paths.ResultPath;
import dev.persona.local.stepfunctions.asl.states.Assignment;
import dev.persona.local.stepfunctions.asl.states.Catcher;
import dev.persona.local.stepfunctions.asl.states.DataFlow;
import dev.persona.local.stepfunctions.asl.states.PassState;
import dev.persona.local.stepfunctions.asl.states.StateType;

/** The JSONPath data flow: InputPath, Parameters, ResultSelector, Assign, ResultPath, OutputPath. */
final class JsonPathDataFlow implements DataFlowProcessor {

    static final JsonPathDataFlow INSTANCE = new JsonPathDataFlow();

    private JsonPathDataFlow() {
    }

    @Override
    public JsonNode selectedInput(StateVisit visit) {
        return selectPath(visit.state.dataFlow().inputPath(), visit.rawInput, visit);
    }

    @Override
    public JsonNode effectiveInput(StateVisit visit) {
        DataFlow flow = visit.state.dataFlow();
        JsonNode input = selectedInput(visit);
        visit.inspected("afterInputPath", input);
        JsonNode parameters = flow.parameters() == null ? input : flow.parameters().evaluate(visit.scope(input), input);
        visit.inspected("afterParameters", parameters);
        return parameters;
    }

    @Override
    public JsonNode passResult(StateVisit visit, PassState pass) {
        return pass.result(effectiveInput(visit));
    }

    @Override
    public Step finishWithResult(StateVisit visit, JsonNode result) {
        DataFlow flow = visit.state.dataFlow();
        visit.inspected("result", result);
        JsonNode selected = result;
        if (visit.state.type() != StateType.PASS) {
            selected = flow.resultSelector() == null ? result
                    : flow.resultSelector().evaluate(visit.scope(result), result);
            visit.inspected("afterResultSelector", selected);
        }
        ObjectNode assignments = flow.assign() == null ? null : flow.assign().evaluate(visit.scope(selected));
        JsonNode output = ResultPath.apply(flow.resultPath(), visit.rawInput, selected);
        visit.inspected("afterResultPath", output);
        return visit.exit(selectPath(flow.outputPath(), output, visit), assignments, visit.state.next());
    }

    @Override
    public Step finishWithoutResult(StateVisit visit, String next, Assignment assign, JsonataTemplate output) {
        DataFlow flow = visit.state.dataFlow();
        JsonNode input = selectedInput(visit);
        Assignment effective = assign != null ? assign : flow.assign();
        ObjectNode assignments = effective == null ? null : effective.evaluate(visit.scope(input));
        return visit.exit(selectPath(flow.outputPath(), input, visit), assignments, next);
    }

    @Override
    public Step caught(StateVisit visit, Catcher catcher, ObjectNode errorOutput) {
        ObjectNode assignments = catcher.assign() == null ? null : catcher.assign().evaluate(visit.scope(errorOutput));
        return new Step(catcher.next(), ResultPath.apply(catcher.resultPath(), visit.rawInput, errorOutput),
                assignments);
    }

    /** InputPath / OutputPath: null gives {@code {}}, {@code $} the value itself. */
    private static JsonNode selectPath(JsonPath path, JsonNode value, StateVisit visit) {
        if (path == null) {
            return Json.object();
        }
        if (path.isRoot() && path.root() == JsonPath.Root.INPUT) {
            return value;
        }
        try {
            return visit.scope(value).read(path);
        } catch (PathNotFoundException e) {
            throw StatesFailure.inState(StatesError.RUNTIME, "Invalid path '" + path.text() + "' : " + e.getMessage());
        }
    }
}
