package dev.persona.local.stepfunctions.asl.exec;

import dev.persona.local.stepfunctions.asl.states.PassState;

/** Pass: its Result, or its effective input, through output processing. */
final class PassAction implements StateAction {

    static final PassAction INSTANCE = new PassAction();

    private PassAction() {
    }

    @Override
    public Step execute(StateVisit visit, Executor executor) {
        return visit.flow.finishWithResult(visit, visit.flow.passResult(visit, (PassState) visit.state));
    }
}
