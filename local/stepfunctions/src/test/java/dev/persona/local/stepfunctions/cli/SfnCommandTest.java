package dev.persona.local.stepfunctions.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SfnCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int sfn(String... args) {
        return new SfnCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void runPrintsTheOutcomeAsJson() throws IOException {
        Path definition = file("d.json", """
                {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 7200, "Next": "Add"},
                  "Add": {"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($.a, $.b)"}, "End": true}}}""");
        Path input = file("in.json", "{\"a\": 2, \"b\": 3}");
        assertThat(sfn("run", "--definition", definition.toString(), "--input", "@" + input)).isZero();
        assertThat(Json.parse(out())).isEqualTo(Json.parse(
                "{\"status\":\"SUCCEEDED\",\"output\":{\"sum\":5},\"error\":null,\"cause\":null}"));
    }

    @Test
    void runReportsAFailedExecutionWithExitStatusZero() throws IOException {
        Path definition = file("d.json", """
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Nope", "Cause": "because"}}}""");
        assertThat(sfn("run", "--definition", definition.toString(), "--input", "{}")).isZero();
        JsonNode result = Json.parse(out());
        assertThat(result.get("status").textValue()).isEqualTo("FAILED");
        assertThat(result.get("error").textValue()).isEqualTo("Nope");
    }

    @Test
    void queryLanguageSetsTheTopLevelLanguage() throws IOException {
        Path definition = file("d.json", """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Output": "{% $states.input.x * 2 %}", "End": true}}}""");
        assertThat(sfn("run", "--definition", definition.toString(), "--input", "{\"x\":21}", "--query-language",
                "JSONata")).isZero();
        assertThat(Json.parse(out()).get("output").intValue()).isEqualTo(42);
    }

    @Test
    void anInvalidDefinitionListsItsProblemsWithTheirPaths() throws IOException {
        Path definition = file("d.json", """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "Q", "ResultPath": "$.a[*]"}}}""");
        assertThat(sfn("run", "--definition", definition.toString())).isEqualTo(SfnCommand.FAILED);
        assertThat(err()).contains("/States/P/Next: MISSING_TRANSITION_TARGET", "/States/P/ResultPath:");
        assertThat(out()).isEmpty();
    }

    @Test
    void badArgumentsExplainThemselves() {
        assertThat(sfn("run", "--definition")).isEqualTo(SfnCommand.USAGE);
        assertThat(sfn("run", "--input", "{}")).isEqualTo(SfnCommand.USAGE);
        assertThat(sfn("run", "--definition", dir.resolve("missing.json").toString())).isEqualTo(SfnCommand.USAGE);
        assertThat(sfn("nope")).isEqualTo(SfnCommand.USAGE);
        assertThat(err()).contains("--definition needs a value", "--definition is required", "cannot read",
                "unknown command 'nope'");
    }

    @Test
    void everyCommandHasHelp() {
        assertThat(sfn("--help")).isZero();
        assertThat(sfn("run", "--help")).isZero();
        assertThat(sfn("conformance", "--help")).isZero();
        assertThat(out()).contains("Usage: persona-local sfn <command>", "Usage: persona-local sfn run",
                "Usage: persona-local sfn conformance DIR");
    }

    @Test
    void conformancePrintsFailingCasesAndTheTotals() throws IOException {
        file("good.json", """
                {"name": "good", "definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                 "input": {"a": 1}, "expected": {"status": "SUCCEEDED", "output": {"a": 1}}}""");
        file("bad.json", """
                {"name": "bad", "definition": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                 "input": {"a": 1}, "expected": {"status": "SUCCEEDED", "output": {"a": 1.0}}}""");
        assertThat(sfn("conformance", dir.toString())).isEqualTo(SfnCommand.FAILED);
        assertThat(out().lines().toList()).containsExactly("FAIL bad: output /a: expected 1.0 but was 1",
                "1 passed, 1 failed");
    }
}
