package dev.persona.local.stepfunctions.asl.exec;

import dev.persona.local.stepfunctions.asl.states.WaitState;

/**
 * Wait: sleeps until its wake time, counted from when the state was entered, so that a wait continued after a
 * restart sleeps only what is left.
 */
final class WaitAction implements StateAction {

    static final WaitAction INSTANCE = new WaitAction();

    private WaitAction() {
    }

    @Override
    public Step execute(StateVisit visit, Executor executor) {
        WaitState wait = (WaitState) visit.state;
        executor.sleepUntil(visit.lane, wait.wakeTime(visit.enteredTime, visit.scope(visit.flow.selectedInput(visit))));
        return visit.flow.finishWithoutResult(visit, wait.next(), null, null);
    }
}
