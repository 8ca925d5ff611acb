package dev.persona.local.stepfunctions.asl.exec;

/** Succeed: ends its state machine with its (processed) input. */
final class SucceedAction implements StateAction {

    static final SucceedAction INSTANCE = new SucceedAction();

    private SucceedAction() {
    }

    @Override
    public Step execute(StateVisit visit, Executor executor) {
        return visit.flow.finishWithoutResult(visit, null, null, null);
    }
}
