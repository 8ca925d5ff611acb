package dev.persona.local.stepfunctions.asl.states;

/** Ends its state machine successfully with its input as output. */
public final class SucceedState extends State {

    public SucceedState(Header header) {
        super(header);
    }

    @Override
    public StateType type() {
        return StateType.SUCCEED;
    }
}
