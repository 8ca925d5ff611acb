package dev.persona.local.stepfunctions.asl.states;

import java.util.List;

/** Runs its branches concurrently on the same input; its result is the array of their outputs. */
public final class ParallelState extends State {

    private final List<StateMachine> branches;
    private final List<Retrier> retriers;
    private final List<Catcher> catchers;

    public ParallelState(Header header, List<StateMachine> branches, List<Retrier> retriers, List<Catcher> catchers) {
        super(header);
        this.branches = List.copyOf(branches);
        this.retriers = List.copyOf(retriers);
        this.catchers = List.copyOf(catchers);
    }

    @Override
    public StateType type() {
        return StateType.PARALLEL;
    }

    public List<StateMachine> branches() {
        return branches;
    }

    @Override
    public List<Retrier> retriers() {
        return retriers;
    }

    @Override
    public List<Catcher> catchers() {
        return catchers;
    }
}
