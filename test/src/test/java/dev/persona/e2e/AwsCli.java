package dev.persona.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The real AWS CLI, as people drive the local endpoints with it. Tests that need it skip when it is not installed,
 * unless {@code PERSONA_REQUIRE_AWS_CLI} is set (CI sets it and installs the CLI): then its absence fails them.
 */
final class AwsCli {

    static final String REQUIRED = "PERSONA_REQUIRE_AWS_CLI";

    /** What one command did. */
    record Run(int exitCode, String output) {
    }

    private final Path executable;

    private AwsCli(Path executable) {
        this.executable = executable;
    }

    /** Whether the CLI is on the PATH. */
    static boolean present() {
        return find() != null;
    }

    private static Path find() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory, "aws");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The CLI on the PATH; a skipped test (or, when required, a failed one) without it. */
    static AwsCli require() {
        Path found = find();
        if (found != null) {
            return new AwsCli(found);
        }
        if (System.getenv(REQUIRED) != null) {
            throw new AssertionError("the AWS CLI is required here (" + REQUIRED + ") but 'aws' is not on the PATH");
        }
        Assumptions.abort("the AWS CLI is not installed; CI installs it and runs this test");
        throw new IllegalStateException("unreachable");
    }

    /** Runs {@code aws ARGUMENTS} with exactly these credentials and region (no profile, no pager). */
    Run run(Map<String, String> credentials, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.put("AWS_PAGER", "");
        environment.put("AWS_CONFIG_FILE", "/dev/null");
        environment.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        environment.putAll(credentials);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", arguments) + " did not finish");
        }
        return new Run(process.exitValue(), output);
    }
}
