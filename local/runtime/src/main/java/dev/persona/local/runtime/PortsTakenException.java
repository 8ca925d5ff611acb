package dev.persona.local.runtime;

import java.util.List;
import java.util.stream.Collectors;

/** The stack did not start because ports it needs are taken; nothing of it is left running. */
public final class PortsTakenException extends IllegalStateException {

    private final transient List<StackPorts.TakenPort> taken;

    PortsTakenException(List<StackPorts.TakenPort> taken) {
        super(taken.stream().map(StackPorts.TakenPort::toString).collect(Collectors.joining("; ")));
        this.taken = List.copyOf(taken);
    }

    /** Each taken port with its endpoint and what holds it. */
    public List<StackPorts.TakenPort> taken() {
        return taken;
    }
}
