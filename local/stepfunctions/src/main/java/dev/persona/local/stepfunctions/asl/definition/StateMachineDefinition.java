package dev.persona.local.stepfunctions.asl.definition;

import java.util.ArrayList;
import java.util.List;

import dev.persona.local.stepfunctions.asl.QueryLanguage;
import dev.persona.local.stepfunctions.asl.states.MapState;
import dev.persona.local.stepfunctions.asl.states.ParallelState;
import dev.persona.local.stepfunctions.asl.states.State;
import dev.persona.local.stepfunctions.asl.states.StateMachine;
import dev.persona.local.stepfunctions.asl.states.TaskState;

/** A validated definition: its states, the machine-wide TimeoutSeconds (null when unlimited) and query language. */
public record StateMachineDefinition(StateMachine machine, Long timeoutSeconds, QueryLanguage queryLanguage,
                                     String comment) {

    /** Every Task state, at any depth (inside Parallel branches and Map processors too). */
    public List<TaskState> tasks() {
        List<TaskState> tasks = new ArrayList<>();
        collectTasks(machine, tasks);
        return tasks;
    }

    private static void collectTasks(StateMachine machine, List<TaskState> tasks) {
        for (State state : machine.states().values()) {
            switch (state) {
                case TaskState task -> tasks.add(task);
                case ParallelState parallel ->
                        parallel.branches().forEach(branch -> collectTasks(branch, tasks));
                case MapState map -> collectTasks(map.processor(), tasks);
                default -> {
                }
            }
        }
    }
}
