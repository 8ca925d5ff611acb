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
                tuple(Code.MISSING_TRANSITION_TARGET, "/States/B"),
                tuple(Code.MISSING_TRANSITION_TARGET, "/States/H"));
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

    @Test
    void anUnreachableStateIsAMissingTransitionTargetWithAwsWording() {
        assertThat(validate("""
                {"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "X": {"Type": "Succeed"}}}
                """)).singleElement().satisfies(problem -> {
                    assertThat(problem.code()).isEqualTo(Code.MISSING_TRANSITION_TARGET);
                    assertThat(problem.toString()).isEqualTo(
                            "MISSING_TRANSITION_TARGET: State \"X\" is not reachable. at /States/X");
                });
    }

    @Test
    void stateNamesAreUniqueAcrossTheWholeDefinitionAndAtMost80CharactersLong() {
        String longName = "n".repeat(81);
        List<DefinitionProblem> problems = validate("""
                {"StartAt": "P", "States": {
                  "P": {"Type": "Parallel", "Next": "%s", "Branches": [
                    {"StartAt": "Same", "States": {"Same": {"Type": "Succeed"}}},
                    {"StartAt": "Same", "States": {"Same": {"Type": "Succeed"}}}]},
                  "%s": {"Type": "Succeed"}}}
                """.formatted(longName, longName));
        assertThat(problems).extracting(DefinitionProblem::code, DefinitionProblem::location).containsExactlyInAnyOrder(
                tuple(Code.DUPLICATE_STATE_NAME, "/States/P/Branches/1/States/Same"),
                tuple(Code.INVALID_STATE_NAME, "/States/" + longName));
    }

    @Test
    void mapRunLabelsAreValidAndUnique() {
        String map = """
                {"Type": "Map", "Label": "%s", "End": true, "ItemProcessor": {"ProcessorConfig":
                  {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                  "StartAt": "%s", "States": {"%s": {"Type": "Succeed"}}}}""";
        List<DefinitionProblem> problems = validate("""
                {"StartAt": "A", "States": {"A": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "M1", "States": {"M1": %s}},
                  {"StartAt": "M2", "States": {"M2": %s}},
                  {"StartAt": "M3", "States": {"M3": %s}}]}}}
                """.formatted(map.formatted("same", "i1", "i1"), map.formatted("same", "i2", "i2"),
                map.formatted("has space", "i3", "i3")));
        assertThat(problems).extracting(DefinitionProblem::code).containsExactlyInAnyOrder(
                Code.DUPLICATE_LABEL_NAME, Code.INVALID_LABEL_NAME);
    }

    @Test
    void anEmptyDefinitionIsAMissingDescription() {
        assertThat(validate(" ")).extracting(DefinitionProblem::code).containsExactly(Code.MISSING_DESCRIPTION);
        assertThat(validate("null")).extracting(DefinitionProblem::code).containsExactly(Code.MISSING_DESCRIPTION);
    }

    @Test
    void warnsOfPathsInFieldsThatAreNotEvaluated() {
        List<DefinitionProblem> problems = validate("""
                {"StartAt": "P", "States": {
                  "P": {"Type": "Pass", "Result": {"v.$": "$.x"}, "Next": "T"},
                  "T": {"Type": "Pass", "Parameters": {"id": "$.id", "f": "States.Format('{}', $.a)"}, "Next": "F"},
                  "F": {"Type": "Fail", "Error": "$.error"}}}
                """);
        assertThat(problems).allMatch(problem -> problem.severity() == DefinitionProblem.Severity.WARNING)
                .extracting(DefinitionProblem::code, DefinitionProblem::location).containsExactlyInAnyOrder(
                        tuple(Code.PASS_RESULT_IS_STATIC, "/States/P/Result/v.$"),
                        tuple(Code.NO_DOLLAR, "/States/T/Parameters/id"),
                        tuple(Code.NO_DOLLAR, "/States/T/Parameters/f"),
                        tuple(Code.NO_PATH, "/States/F/Error"));
        assertThat(DefinitionParser.parse("""
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "$.error"}}}
                """, resource -> Optional.empty()).machine().startAt()).isEqualTo("F");
    }

    @Test
    void checksItemReadersAndResultWriters() {
        List<DefinitionProblem> problems = validate("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                    "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b", "Key": "k"},
                    "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVDelimiter": "COLON"}},
                  "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject"}}}}
                """);
        assertThat(problems).extracting(DefinitionProblem::location).containsExactlyInAnyOrder(
                "/States/M/ItemReader/ReaderConfig/CSVDelimiter", "/States/M/ItemReader/ReaderConfig",
                "/States/M/ResultWriter");
        assertThat(validate("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                  "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "b"}}}}}
                """)).extracting(DefinitionProblem::message)
                .containsExactly("ItemReader is only allowed in DISTRIBUTED mode");
        assertThat(validate("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b", "Key": "k"},
                    "ReaderConfig": {"InputType": "JSONL", "MaxItems": 10}},
                  "ResultWriter": {"WriterConfig": {"Transformation": "FLATTEN", "OutputType": "JSONL"}}}}}
                """)).isEmpty();
    }

    @Test
    void expressMachinesRefuseCallbackAndSyncIntegrations() {
        assertThat(DefinitionParser.validate("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "End": true,
                  "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "Parameters": {"FunctionName": "f"}}}}
                """, resource -> Optional.empty(), true)).extracting(DefinitionProblem::message)
                .containsExactly("Express state machine does not support '.waitForTaskToken' service integration");
    }
}
