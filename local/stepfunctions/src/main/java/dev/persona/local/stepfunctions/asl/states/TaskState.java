package dev.persona.local.stepfunctions.asl.states;

import java.util.List;

/** Calls a resource: a Lambda function, an optimized service integration, possibly waiting for a task token. */
public final class TaskState extends State {

    private final String resource;
    private final NumericSetting timeoutSeconds;
    private final NumericSetting heartbeatSeconds;
    private final List<Retrier> retriers;
    private final List<Catcher> catchers;

    public TaskState(Header header, String resource, NumericSetting timeoutSeconds, NumericSetting heartbeatSeconds,
                     List<Retrier> retriers, List<Catcher> catchers) {
        super(header);
        this.resource = resource;
        this.timeoutSeconds = timeoutSeconds;
        this.heartbeatSeconds = heartbeatSeconds;
        this.retriers = List.copyOf(retriers);
        this.catchers = List.copyOf(catchers);
    }

    @Override
    public StateType type() {
        return StateType.TASK;
    }

    public String resource() {
        return resource;
    }

    /** TimeoutSeconds, TimeoutSecondsPath or its JSONata expression. */
    public NumericSetting timeoutSeconds() {
        return timeoutSeconds;
    }

    /** HeartbeatSeconds, HeartbeatSecondsPath or its JSONata expression. */
    public NumericSetting heartbeatSeconds() {
        return heartbeatSeconds;
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
