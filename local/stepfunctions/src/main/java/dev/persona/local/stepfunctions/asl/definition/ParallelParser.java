package dev.persona.local.stepfunctions.asl.definition;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.QueryLanguage;
import dev.persona.local.stepfunctions.asl.states.ParallelState;
import dev.persona.local.stepfunctions.asl.states.State;
import dev.persona.local.stepfunctions.asl.states.StateMachine;

/** Parallel states: a non-empty list of branches, each a state machine of its own, with Retry and Catch. */
final class ParallelParser {

    private final Problems problems;
    private final ErrorHandlingParser errorHandling;
    private final DefinitionParser.NestedMachines machines;

    ParallelParser(Problems problems, ErrorHandlingParser errorHandling, DefinitionParser.NestedMachines machines) {
        this.problems = problems;
        this.errorHandling = errorHandling;
        this.machines = machines;
    }

    ParallelState parse(Fields fields, State.Header header, QueryLanguage language) {
        ArrayNode branchNodes = fields.array("Branches");
        List<StateMachine> branches = new ArrayList<>();
        if (branchNodes == null) {
            if (!fields.has("Branches")) {
                problems.schema("These fields are required: [Branches]", fields.pointer);
            }
        } else {
            if (branchNodes.isEmpty()) {
                problems.schema("Branches must not be empty", fields.pointer("Branches"));
            }
            for (int i = 0; i < branchNodes.size(); i++) {
                String pointer = fields.pointer("Branches") + "/" + i;
                if (!branchNodes.get(i).isObject()) {
                    problems.schema("A branch must be a JSON object", pointer);
                    continue;
                }
                Fields branch = new Fields((ObjectNode) branchNodes.get(i), pointer, problems);
                branch.allowOnly(Set.of("Comment", "StartAt", "States"));
                branches.add(machines.parse(branch, language));
            }
        }
        return new ParallelState(header, branches, errorHandling.retriers(fields),
                errorHandling.catchers(fields, language));
    }
}
