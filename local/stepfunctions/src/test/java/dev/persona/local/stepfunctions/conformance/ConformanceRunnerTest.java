package dev.persona.local.stepfunctions.conformance;

import java.util.List;

import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.exec.ExecutionOutcome;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparison rules of the corpus, so that a wrong result cannot pass. */
class ConformanceRunnerTest {

    private static ConformanceCase succeeded(String output, List<String> ignorePaths) {
        return new ConformanceCase("case", Json.parse("{}"), Json.parse("{}"), "SUCCEEDED", Json.parse(output), null,
                null, ignorePaths, List.of(), ConformanceCase.Names.DEFAULTS);
    }

    private static ConformanceCase failed(String error, String cause, List<String> placeholders) {
        return new ConformanceCase("case", Json.parse("{}"), Json.parse("{}"), "FAILED", null, error, cause, List.of(),
                placeholders, ConformanceCase.Names.DEFAULTS);
    }

    private static ExecutionOutcome output(String json) {
        return new ExecutionOutcome(ExecutionStatus.SUCCEEDED, Json.parse(json), null, null, null);
    }

    private static ExecutionOutcome failure(String error, String cause) {
        return new ExecutionOutcome(ExecutionStatus.FAILED, null, error, cause, null);
    }

    @Test
    void outputsCompareWithExactNumberTypesAndWithoutMemberOrder() {
        assertThat(ConformanceRunner.compare(succeeded("{\"a\":1,\"b\":[true]}", List.of()),
                output("{\"b\":[true],\"a\":1}")).passed()).isTrue();
        assertThat(ConformanceRunner.compare(succeeded("{\"a\":1}", List.of()), output("{\"a\":1.0}")).passed())
                .isFalse();
        assertThat(ConformanceRunner.compare(succeeded("{\"a\":true}", List.of()), output("{\"a\":1}")).passed())
                .isFalse();
        assertThat(ConformanceRunner.compare(succeeded("[1,2]", List.of()), output("[2,1]")).passed()).isFalse();
    }

    @Test
    void ignoredPathsAreRemovedFromBothSides() {
        ConformanceCase testCase = succeeded("{\"id\":\"x\",\"keep\":1}", List.of("/id"));
        assertThat(ConformanceRunner.compare(testCase, output("{\"id\":\"y\",\"keep\":1}")).passed()).isTrue();
        assertThat(ConformanceRunner.compare(testCase, output("{\"id\":\"y\",\"keep\":2}")).passed()).isFalse();
    }

    @Test
    void statusErrorAndCauseMustMatchExceptForPlaceholders() {
        assertThat(ConformanceRunner.compare(failed("E", "in '<json-input:1>' end", List.of("<json-input:1>")),
                failure("E", "in '{\"a\":1}' end")).passed()).isTrue();
        assertThat(ConformanceRunner.compare(failed("E", "in '<json-input:1>' end", List.of("<json-input:1>")),
                failure("E", "in '{\"a\":1}' END")).passed()).isFalse();
        assertThat(ConformanceRunner.compare(failed("E", null, List.of()), failure("F", null)).passed()).isFalse();
        assertThat(ConformanceRunner.compare(failed(null, null, List.of()), output("{}")).passed()).isFalse();
    }
}
