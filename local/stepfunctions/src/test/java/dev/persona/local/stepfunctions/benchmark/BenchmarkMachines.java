package dev.persona.local.stepfunctions.benchmark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.local.stepfunctions.asl.Json;

/** The definitions the benchmarks share. */
final class BenchmarkMachines {

    private BenchmarkMachines() {
    }

    /** {@code length} Pass states, one after the other: S0, S1, ... */
    static String passChain(int length) {
        return passChain("S", length);
    }

    /** {@code length} Pass states named {@code prefix} and their index (names are unique in a whole machine). */
    static String passChain(String prefix, int length) {
        ObjectNode states = Json.object();
        for (int i = 0; i < length; i++) {
            ObjectNode state = states.putObject(prefix + i);
            state.put("Type", "Pass");
            if (i + 1 < length) {
                state.put("Next", prefix + (i + 1));
            } else {
                state.put("End", true);
            }
        }
        ObjectNode definition = Json.object();
        definition.put("StartAt", prefix + "0");
        definition.set("States", states);
        return Json.write(definition);
    }

    /**
     * A Pass adding one to {@code $.n} and a Choice looping back until n reaches {@code rounds}: from n = 0,
     * 2 * rounds + 1 transitions.
     */
    static String choiceLoop(int rounds) {
        return """
                {"StartAt": "Count", "States": {
                  "Count": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "Next": "Loop"},
                  "Loop": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericLessThan": %d, "Next": "Count"}],
                           "Default": "Done"},
                  "Done": {"Type": "Succeed"}}}""".formatted(rounds);
    }
}
