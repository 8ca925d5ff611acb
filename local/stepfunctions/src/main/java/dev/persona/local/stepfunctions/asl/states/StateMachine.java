package dev.persona.local.stepfunctions.asl.states;

import java.util.Map;

/** {@code StartAt} and {@code States}: the top level of a definition, a Parallel branch or a Map's processor. */
public record StateMachine(String startAt, Map<String, State> states) {

    public State state(String name) {
        State state = states.get(name);
        if (state == null) {
            throw new IllegalArgumentException("no state " + name);
        }
        return state;
    }
}
