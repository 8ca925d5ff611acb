package dev.persona.local.stepfunctions.asl.states;

import java.util.List;
import java.util.Optional;

import dev.persona.local.stepfunctions.asl.EvaluationScope;

/** Goes to the Next of the first matching rule, else to Default. */
public final class ChoiceState extends State {

    private final List<ChoiceRule> choices;
    private final String defaultState;

    public ChoiceState(Header header, List<ChoiceRule> choices, String defaultState) {
        super(header);
        this.choices = List.copyOf(choices);
        this.defaultState = defaultState;
    }

    @Override
    public StateType type() {
        return StateType.CHOICE;
    }

    public List<ChoiceRule> choices() {
        return choices;
    }

    /** Default, or null when there is none. */
    public String defaultState() {
        return defaultState;
    }

    public Optional<ChoiceRule> firstMatch(EvaluationScope scope) {
        for (ChoiceRule rule : choices) {
            if (rule.condition().test(scope)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }
}
