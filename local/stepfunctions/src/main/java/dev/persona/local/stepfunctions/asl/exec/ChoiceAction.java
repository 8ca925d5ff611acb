package dev.persona.local.stepfunctions.asl.exec;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.StatesError;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import dev.persona.local.stepfunctions.asl.states.ChoiceRule;
import dev.persona.local.stepfunctions.asl.states.ChoiceState;

/** Choice: the Next of the first matching rule (with that rule's Assign and Output), else Default. */
final class ChoiceAction implements StateAction {

    static final ChoiceAction INSTANCE = new ChoiceAction();

    private ChoiceAction() {
    }

    @Override
    public Step execute(StateVisit visit, Executor executor) {
        ChoiceState choice = (ChoiceState) visit.state;
        JsonNode input = visit.flow.selectedInput(visit);
        Optional<ChoiceRule> rule = choice.firstMatch(visit.scope(input));
        String next = rule.map(ChoiceRule::next).orElse(choice.defaultState());
        if (next == null) {
            throw StatesFailure.of(StatesError.NO_CHOICE_MATCHED, "No Matches!");
        }
        return visit.flow.finishWithoutResult(visit, next, rule.map(ChoiceRule::assign).orElse(null),
                rule.map(ChoiceRule::output).orElse(null));
    }
}
