package dev.persona.local.stepfunctions.asl.states;

import java.util.Optional;

/** The {@code Type} of a state. */
public enum StateType {
    PASS("Pass"),
    TASK("Task"),
    CHOICE("Choice"),
    WAIT("Wait"),
    SUCCEED("Succeed"),
    FAIL("Fail"),
    PARALLEL("Parallel"),
    MAP("Map");

    private final String wireName;

    StateType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<StateType> fromWireName(String name) {
        for (StateType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
