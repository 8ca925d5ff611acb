package dev.persona.local.stepfunctions.asl.states;

import com.fasterxml.jackson.databind.JsonNode;

/** Passes its input on, or a fixed {@code Result}. */
public final class PassState extends State {

    private final JsonNode result;

    /** {@code result} is null without a Result field (a JSON null Result is a NullNode). */
    public PassState(Header header, JsonNode result) {
        super(header);
        this.result = result;
    }

    @Override
    public StateType type() {
        return StateType.PASS;
    }

    /** The state's result: Result when given, else the effective input. */
    public JsonNode result(JsonNode effectiveInput) {
        return result != null ? result : effectiveInput;
    }
}
