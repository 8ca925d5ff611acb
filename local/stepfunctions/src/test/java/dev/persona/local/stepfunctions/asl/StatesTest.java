package dev.persona.local.stepfunctions.asl;

import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.Machines;
import dev.persona.local.stepfunctions.asl.exec.ExecutionStatus;
import dev.persona.local.stepfunctions.asl.exec.HistoryEventType;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.persona.local.stepfunctions.Machines.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Pass, Choice, Wait, Succeed and Fail beyond what the conformance corpus covers. */
class StatesTest {

    private final LocalStepFunctions engine = Machines.engine(new VirtualTimeSource(Machines.EPOCH));

    @AfterEach
    void close() {
        engine.close();
    }

    private String choose(String rule, String input) {
        return Machines.run(engine, """
                {"StartAt": "Pick", "States": {
                  "Pick": {"Type": "Choice", "Choices": [%s], "Default": "No"},
                  "Yes": {"Type": "Pass", "Result": "yes", "End": true},
                  "No": {"Type": "Pass", "Result": "no", "End": true}}}
                """.formatted(rule), input).outcome().output().textValue();
    }

    @Test
    void stringMatchesSupportsWildcardsAndEscapes() {
        String rule = "{\"Variable\": \"$.key\", \"StringMatches\": \"uploads/*/data\\\\*.csv\", \"Next\": \"Yes\"}";
        assertThat(choose(rule, "{\"key\":\"uploads/u1/x/data*.csv\"}")).isEqualTo("yes");
        assertThat(choose(rule, "{\"key\":\"uploads/u1/data1.csv\"}")).isEqualTo("no");
        assertThat(choose(rule, "{\"key\":42}")).isEqualTo("no");
    }

    @Test
    void pathComparisonsAndBooleanCombinations() {
        String rule = """
                {"And": [{"Variable": "$.a", "NumericGreaterThanPath": "$.b"},
                         {"Not": {"Variable": "$.when", "TimestampLessThan": "2020-01-01T00:00:00Z"}},
                         {"Or": [{"Variable": "$.flag", "IsNull": true}, {"Variable": "$.flag", "BooleanEquals": true}]}],
                 "Next": "Yes"}""";
        assertThat(choose(rule, "{\"a\":2,\"b\":1.5,\"when\":\"2024-05-01T10:00:00+02:00\",\"flag\":true}")).isEqualTo("yes");
        assertThat(choose(rule, "{\"a\":2,\"b\":1.5,\"when\":\"2019-05-01T10:00:00Z\",\"flag\":null}")).isEqualTo("no");
    }

    @Test
    void noMatchingRuleAndNoDefaultFailsWithNoChoiceMatched() {
        var outcome = Machines.run(engine, """
                {"StartAt": "Pick", "States": {"Pick": {"Type": "Choice",
                  "Choices": [{"Variable": "$.x", "StringEquals": "a", "Next": "Done"}]},
                  "Done": {"Type": "Succeed"}}}
                """, "{\"x\":\"b\"}").outcome();
        assertThat(outcome.error()).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void aChoiceOnAMissingVariableFailsWithStatesRuntime() {
        String rule = "{\"Variable\": \"$.missing\", \"StringEquals\": \"a\", \"Next\": \"Yes\"}";
        var outcome = Machines.run(engine, """
                {"StartAt": "Pick", "States": {"Pick": {"Type": "Choice", "Choices": [%s], "Default": "Yes"},
                  "Yes": {"Type": "Succeed"}}}
                """.formatted(rule), "{}").outcome();
        assertThat(outcome.error()).isEqualTo("States.Runtime");
        assertThat(outcome.cause()).contains("'$.missing'");
    }

    @Test
    void waitUntilATimestampInTheFutureAdvancesTheClockToIt() {
        var run = Machines.run(engine, """
                {"StartAt": "Until", "States": {"Until": {"Type": "Wait", "TimestampPath": "$.at", "Next": "Stamp"},
                  "Stamp": {"Type": "Pass", "Parameters": {"at.$": "$$.State.EnteredTime"}, "End": true}}}
                """, "{\"at\":\"2026-03-01T12:00:00Z\"}");
        assertThat(run.outcome().output().get("at").textValue()).isEqualTo("2026-03-01T12:00:00.000Z");
        assertThat(Machines.types(run.history())).containsSubsequence(HistoryEventType.WAIT_STATE_ENTERED,
                HistoryEventType.WAIT_STATE_EXITED);
    }

    @Test
    void inputPathParametersResultPathAndOutputPathApplyInOrder() {
        var outcome = Machines.run(engine, """
                {"StartAt": "Shape", "States": {"Shape": {"Type": "Pass", "InputPath": "$.order",
                  "Parameters": {"id.$": "$.id", "lines.$": "States.ArrayLength($.lines)", "fixed": true},
                  "ResultPath": "$.summary", "OutputPath": "$.summary", "End": true}}}
                """, "{\"order\":{\"id\":\"o1\",\"lines\":[1,2,3]}}").outcome();
        assertThat(outcome.output()).isEqualTo(json("{\"id\":\"o1\",\"lines\":3,\"fixed\":true}"));
    }

    @Test
    void aResultPathIntoAStringFailsWithResultPathMatchFailure() {
        var outcome = Machines.run(engine, """
                {"StartAt": "Put", "States": {"Put": {"Type": "Pass", "Result": 1, "ResultPath": "$.a.b",
                  "End": true}}}
                """, "{\"a\":\"text\"}").outcome();
        assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(outcome.error()).isEqualTo("States.ResultPathMatchFailure");
        assertThat(outcome.cause()).isEqualTo("Unable to apply ReferencePath $.a.b to input \"{\\\"a\\\":\\\"text\\\"}\"");
    }

    @Test
    void anIntrinsicFailureCanBeCaught() {
        var outcome = Machines.run(engine, """
                {"StartAt": "Try", "States": {
                  "Try": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "Bad", "States": {
                    "Bad": {"Type": "Pass", "Parameters": {"v.$": "States.ArrayGetItem($.list, 5)"}, "End": true}}}],
                    "Catch": [{"ErrorEquals": ["States.IntrinsicFailure"], "Next": "Caught"}]},
                  "Caught": {"Type": "Pass", "End": true}}}
                """, "{\"list\":[1]}").outcome();
        assertThat(outcome.output().get("Error").textValue()).isEqualTo("States.IntrinsicFailure");
        assertThat(outcome.output().get("Cause").textValue()).contains("States.ArrayGetItem($.list, 5)");
    }

    @Test
    void succeedEndsAJsonataStateMachineWithItsOutput() {
        var outcome = Machines.run(engine, """
                {"QueryLanguage": "JSONata", "StartAt": "Done", "States": {"Done": {"Type": "Succeed",
                  "Output": {"hash": "{% $hash('abc', 'SHA-256') %}", "parts": "{% $partition([1,2,3], 2) %}",
                             "range": "{% $range(0, 4, 2) %}", "parsed": "{% $parse('[1, true]') %}",
                             "uuid": "{% $length($uuid()) %}"}}}}
                """, "{}").outcome();
        assertThat(outcome.output()).isEqualTo(json("""
                {"hash": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                 "parts": [[1,2],[3]], "range": [0,2,4], "parsed": [1, true], "uuid": 36}"""));
    }

    @Test
    void jsonataUuidGivesAFreshVersion4UuidOnEveryCall() {
        var outcome = Machines.run(engine, """
                {"QueryLanguage": "JSONata", "StartAt": "Ids", "States": {"Ids": {"Type": "Pass",
                  "Output": {"a": "{% $uuid() %}", "b": "{% $uuid() %}"}, "End": true}}}
                """, "{}").outcome();
        String a = outcome.output().get("a").textValue();
        String b = outcome.output().get("b").textValue();
        assertThat(a).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(b).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}").isNotEqualTo(a);
    }
}
