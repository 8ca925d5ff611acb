package dev.persona.local.stepfunctions.asl.states;

import dev.persona.local.stepfunctions.asl.jsonata.JsonataTemplate;

/** One entry of {@code Choices}: a condition, the state to go to, and what to assign and output on a match. */
public record ChoiceRule(Condition condition, String next, Assignment assign, JsonataTemplate output) {
}
