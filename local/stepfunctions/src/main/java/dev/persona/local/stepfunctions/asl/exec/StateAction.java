package dev.persona.local.stepfunctions.asl.exec;

import dev.persona.local.stepfunctions.asl.states.State;

/**
 * What one type of state does between its input processing and its output processing. The {@link Executor}
 * enters the state, runs its action, and applies Retry and Catch to what the action throws.
 */
interface StateAction {

    /** Does the state's work and leaves it (through the visit's data flow); throws StatesFailure on failure. */
    Step execute(StateVisit visit, Executor executor);

    static StateAction of(State state) {
        return switch (state.type()) {
            case PASS -> PassAction.INSTANCE;
            case TASK -> TaskAction.INSTANCE;
            case CHOICE -> ChoiceAction.INSTANCE;
            case WAIT -> WaitAction.INSTANCE;
            case SUCCEED -> SucceedAction.INSTANCE;
            case FAIL -> FailAction.INSTANCE;
            case PARALLEL -> ParallelAction.INSTANCE;
            case MAP -> MapAction.INSTANCE;
        };
    }
}
