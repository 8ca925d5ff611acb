package dev.persona.local.stepfunctions.asl.exec;

import dev.persona.local.stepfunctions.asl.states.FailState;

/** Fail: fails its state machine with its error and cause. */
final class FailAction implements StateAction {

    static final FailAction INSTANCE = new FailAction();

    private FailAction() {
    }

    @Override
    public Step execute(StateVisit visit, Executor executor) {
        throw ((FailState) visit.state).failure(visit.scope(visit.rawInput));
    }
}
