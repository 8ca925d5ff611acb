package dev.persona.local.stepfunctions.asl;

import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.Machines;
import dev.persona.local.stepfunctions.time.VirtualTimeSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.persona.local.stepfunctions.Machines.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Workflow variables: assigned when a state completes; visible inward, never outward; JSONPath and JSONata. */
class VariablesTest {

    private final LocalStepFunctions engine = Machines.engine(new VirtualTimeSource(Machines.EPOCH));

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void assignmentsInsideAMapIterationAreNotVisibleAfterIt() {
        var outcome = Machines.run(engine, """
                {"StartAt": "Init", "States": {
                  "Init": {"Type": "Pass", "Assign": {"total": 0, "label": "outer"}, "Next": "Each"},
                  "Each": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "Inner", "States": {
                    "Inner": {"Type": "Pass", "Assign": {"label": "inner"},
                              "Parameters": {"seen.$": "$label"}, "Next": "Read"},
                    "Read": {"Type": "Pass", "Parameters": {"before.$": "$.seen", "now.$": "$label"}, "End": true}}},
                    "Next": "After"},
                  "After": {"Type": "Pass", "Parameters": {"label.$": "$label", "items.$": "$"}, "End": true}}}
                """, "{\"items\":[1]}").outcome();
        assertThat(outcome.output()).isEqualTo(json(
                "{\"label\":\"outer\",\"items\":[{\"before\":\"outer\",\"now\":\"inner\"}]}"));
    }

    @Test
    void aDistributedMapChildCannotReadOuterVariables() {
        var outcome = Machines.run(engine, """
                {"StartAt": "Init", "States": {
                  "Init": {"Type": "Pass", "Assign": {"secret": 42}, "Next": "Each"},
                  "Each": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"},
                    "StartAt": "Read", "States": {"Read": {"Type": "Pass", "Parameters": {"v.$": "$secret"},
                    "End": true}}}, "End": true}}}
                """, "[1]").outcome();
        assertThat(outcome.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    }

    @Test
    void jsonataAssignmentsUseTheValuesFromStateEntry() {
        var outcome = Machines.run(engine, """
                {"QueryLanguage": "JSONata", "StartAt": "One", "States": {
                  "One": {"Type": "Pass", "Assign": {"a": 1, "b": 2}, "Next": "Swap"},
                  "Swap": {"Type": "Pass", "Assign": {"a": "{% $b %}", "b": "{% $a %}"},
                           "Output": {"a": "{% $a %}", "b": "{% $b %}"}, "Next": "Show"},
                  "Show": {"Type": "Pass", "Output": {"a": "{% $a %}", "b": "{% $b %}", "before": "{% $states.input %}"},
                           "End": true}}}
                """, "{}").outcome();
        assertThat(outcome.output()).isEqualTo(json("{\"a\":2,\"b\":1,\"before\":{\"a\":1,\"b\":2}}"));
    }

    @Test
    void aCatcherCanAssignFromTheErrorOutput() {
        var outcome = Machines.run(engine, """
                {"StartAt": "Try", "States": {
                  "Try": {"Type": "Parallel", "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail",
                    "Error": "Oops", "Cause": "why"}}}], "End": true,
                    "Catch": [{"ErrorEquals": ["Oops"], "Assign": {"why.$": "$.Cause"}, "Next": "Report"}]},
                  "Report": {"Type": "Pass", "Parameters": {"why.$": "$why"}, "End": true}}}
                """, "{}").outcome();
        assertThat(outcome.output()).isEqualTo(json("{\"why\":\"why\"}"));
    }
}
