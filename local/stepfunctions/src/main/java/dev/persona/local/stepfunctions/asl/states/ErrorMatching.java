package dev.persona.local.stepfunctions.asl.states;

import java.util.List;
import java.util.Set;

import dev.persona.local.stepfunctions.asl.StatesError;

/** Which errors an {@code ErrorEquals} list matches, with the wildcards' exceptions AWS documents. */
final class ErrorMatching {

    /** Terminal errors: States.ALL does not match them. States.Runtime is never retried or caught. */
    private static final Set<String> NOT_MATCHED_BY_ALL = Set.of(
            StatesError.RUNTIME.errorName(), StatesError.DATA_LIMIT_EXCEEDED.errorName());

    private ErrorMatching() {
    }

    static boolean matches(List<String> errorEquals, String error) {
        if (StatesError.RUNTIME.errorName().equals(error)) {
            return false;
        }
        boolean terminal = error != null && NOT_MATCHED_BY_ALL.contains(error);
        for (String name : errorEquals) {
            if (name.equals(error)) {
                return true;
            }
            if (name.equals(StatesError.ALL.errorName()) && !terminal) {
                return true;
            }
            if (name.equals(StatesError.TASK_FAILED.errorName()) && !terminal
                    && !StatesError.TIMEOUT.errorName().equals(error)) {
                return true;
            }
        }
        return false;
    }
}
