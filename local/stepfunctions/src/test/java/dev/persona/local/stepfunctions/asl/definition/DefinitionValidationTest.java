package dev.persona.local.stepfunctions.asl.definition;

import java.util.List;
import java.util.Optional;

import dev.persona.local.stepfunctions.asl.definition.DefinitionProblem.Code;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Validation on load: every problem is reported, each with the JSON pointer of its field. */
class DefinitionValidationTest {

    private static List<DefinitionProblem> validate(String definition) {
        return DefinitionParser.validate(definition, resource -> resource.contains(":sqs:")
                ? Optional.of("not supported here") : Optional.empty());
    }

    @Test
    void reportsEveryProblemWithItsLocation() {
        List<DefinitionProblem> problems = validate("""
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Next": "Nowhere", "Parameters": {"x.$": "not a path"}},
                  "B": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true,
                        "Retry": [{"ErrorEquals": ["States.ALL"], "BackoffRate": 0.5}, {"ErrorEquals": ["X"]}]},
                  "C": {"Type": "Choice", "Choices": [{"Variable": "$.v", "NumericEquals": "one", "Next": "A"}]},
                  "D": {"Type": "Wait", "Seconds": 1, "Timestamp": "2020-01-01T00:00:00Z", "End": true},
                  "E": {"Type": "Fail", "Error": "x", "ErrorPath": "$.e"},
                  "F": {"Type": "Map", "ItemProcessor": {"StartAt": "G", "States": {"G": {"Type": "Pass",
                         "Next": "A"}}}, "ItemReader": {}, "End": true},
                  "H": {"Type": "Pass", "End": true, "Unknown": 1}}}
                """);
        assertThat(problems).extracting(DefinitionProblem::code, DefinitionProblem::location).contains(
                tuple(Code.MISSING_TRANSITION_TARGET, "/States/A/Next"),
                tuple(Code.SCHEMA_VALIDATION_FAILED, "/States/A/Parameters/x.$"),
                tuple(Code.INVALID_RESOURCE, "/States/B/Resource"),
                tuple(Code.SCHEMA_VALIDATION_FAILED, "/States/B/Retry/0/ErrorEquals"),
                tuple(Code.SCHEMA_VALIDATION_FAILED, "/States/B/Retry/0/BackoffRate"),
                tuple(Code.SCHEMA_VALIDATION_FAILED, "/States/C/Choices/0/NumericEquals"),
                tuple(Code.SCHEMA_VALIDATION_FAILED, "/States/D"),
                tuple(Code.SCHEMA_VALIDATION_FAILED, "/States/E/ErrorPath"),
                tuple(Code.SCHEMA_VALIDATION_FAILED, "/States/F/ItemReader"),
                tuple(Code.MISSING_TRANSITION_TARGET, "/States/F/ItemProcessor/States/G/Next"),
                tuple(Code.SCHEMA_VALIDATION_FAILED, "/States/H/Unknown"),
                tuple(Code.UNREACHABLE_STATE, "/States/B"),
                tuple(Code.UNREACHABLE_STATE, "/States/H"));
    }

    @Test
    void requiresStartAtStatesAndATransitionForEachState() {
        assertThat(validate("{\"States\": {}}")).extracting(DefinitionProblem::message)
                .contains("These fields are required: [StartAt]", "States must not be empty");
        assertThat(validate("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\"}}}"))
                .extracting(DefinitionProblem::location).contains("/States/P");
        assertThat(validate("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"Next\": \"P\"}}}"))
                .extracting(DefinitionProblem::code).contains(Code.MISSING_END_STATE);
        assertThat(validate("[1]")).extracting(DefinitionProblem::code).containsExactly(Code.SCHEMA_VALIDATION_FAILED);
        assertThat(validate("{\"StartAt\": ")).extracting(DefinitionProblem::code)
                .containsExactly(Code.INVALID_JSON_DESCRIPTION);
    }

    @Test
    void checksTheFieldsOfEachQueryLanguage() {
        List<DefinitionProblem> problems = validate("""
                {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
                  "P": {"Type": "Pass", "Parameters": {}, "Output": "{% $states.input.( %}", "Next": "Q"},
                  "Q": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}}}
                """);
        assertThat(problems).extracting(DefinitionProblem::location)
                .contains("/States/P/Parameters", "/States/P/Output", "/States/Q/QueryLanguage");
    }

    @Test
    void theExceptionMessageListsTheProblemsAsAwsDoes() {
        assertThatThrownBy(() -> DefinitionParser.parse(
                "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"Next\": \"X\"}}}",
                resource -> Optional.empty()))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessage("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: X "
                        + "at /States/P/Next, MISSING_END_STATE: Workflow has no terminal state at /States'");
    }

    @Test
    void acceptsTheCompleteFeatureSet() {
        assertThat(validate("""
                {"Comment": "c", "Version": "1.0", "TimeoutSeconds": 60, "StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                        "Parameters": {"FunctionName": "f", "Payload": {"t.$": "$$.Task.Token"}},
                        "TimeoutSecondsPath": "$.t", "HeartbeatSeconds": 5, "ResultSelector": {"p.$": "$.Payload"},
                        "Retry": [{"ErrorEquals": ["A"], "JitterStrategy": "FULL", "MaxDelaySeconds": 9}],
                        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.e", "Next": "M"}], "Next": "M"},
                  "M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrencyPath": "$.c",
                        "ItemSelector": {"v.$": "$$.Map.Item.Value"},
                        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                          "StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}},
                        "ItemBatcher": {"MaxItemsPerBatch": 10}, "Label": "each", "ToleratedFailurePercentage": 5,
                        "Next": "C"},
                  "C": {"Type": "Choice", "Choices": [{"Not": {"Variable": "$.x", "IsPresent": true}, "Next": "S",
                        "Assign": {"seen": true}}], "Default": "F"},
                  "S": {"Type": "Succeed"},
                  "F": {"Type": "Fail", "ErrorPath": "States.Format('E{}', $.n)", "Cause": "c"}}}
                """)).isEmpty();
    }
}
