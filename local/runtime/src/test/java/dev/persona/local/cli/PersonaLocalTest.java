package dev.persona.local.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PersonaLocalTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return PersonaLocal.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: persona-local <command>", "demo", "up",
                "token", "invoke", "redrive", "metrics", "sfn");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "up", "token", "invoke", "redrive", "metrics"})
    void everyCommandHasHelp(String command) {
        assertThat(run(command, "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: persona-local " + command);
    }

    @Test
    void badOptionsAreUsageErrorsWithTheCommandsHelp() {
        assertThat(run("up", "--port", "seventy")).isEqualTo(2);
        assertThat(run("demo", "no-such-file.json")).isEqualTo(2);
        assertThat(run("invoke", "no-such-function", "--event", "-")).isEqualTo(2);
        assertThat(run("invoke", "jobs")).isEqualTo(2);
        assertThat(run("token", "--usr", "x")).isEqualTo(2);
        assertThat(run("redrive")).isEqualTo(2);
        assertThat(run("redrive", "job", "--wait", "soon")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port must be a port number",
                "cannot read no-such-file.json", "no function 'no-such-function'", "--event is required",
                "unknown option '--usr'", "Usage: persona-local token", "JOB_ID is required",
                "--wait must be a positive number of seconds, not 'soon'");
    }

    @Test
    void sfnIsDispatchedWithItsArguments() {
        assertThat(run("sfn", "run", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: persona-local sfn run");
    }

    @Test
    void unknownOrMissingCommandsAreUsageErrors() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("deploy")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'deploy'");
    }
}
