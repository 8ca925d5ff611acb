package dev.persona.local.stepfunctions.asl.states;

import java.util.List;

import dev.persona.local.stepfunctions.asl.QueryLanguage;

/** A state of a state machine, validated and compiled. Subclasses hold what is particular to each type. */
public abstract sealed class State
        permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState, ParallelState, MapState {

    /** What every state has. {@code next} is null when the state ends its state machine or has no Next. */
    public record Header(String name, QueryLanguage queryLanguage, String next, DataFlow dataFlow) {
    }

    private final Header header;

    protected State(Header header) {
        this.header = header;
    }

    public abstract StateType type();

    public String name() {
        return header.name();
    }

    public QueryLanguage queryLanguage() {
        return header.queryLanguage();
    }

    public boolean usesJsonata() {
        return header.queryLanguage() == QueryLanguage.JSONATA;
    }

    /** The next state, or null when this state ends its state machine (End, Succeed, Fail) or is a Choice. */
    public String next() {
        return header.next();
    }

    public DataFlow dataFlow() {
        return header.dataFlow();
    }

    /** Retry entries; only Task, Parallel and Map states have any. */
    public List<Retrier> retriers() {
        return List.of();
    }

    /** Catch entries; only Task, Parallel and Map states have any. */
    public List<Catcher> catchers() {
        return List.of();
    }
}
