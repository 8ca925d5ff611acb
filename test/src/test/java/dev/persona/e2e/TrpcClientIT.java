package dev.persona.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Node tests of {@code clients/} (the stock {@code @trpc/client}, pinned by the lock file, and the shipped sample
 * program) against the whole local system started here: the endpoint and two users' tokens of the development
 * issuer reach {@code node --test} in its environment. The clients module compiled them into {@code clients/dist}.
 */
class TrpcClientIT {

    private static final Path CLIENTS = Path.of("..", "clients");
    private static final Path SAMPLE = Path.of("..", "local", "runtime", "src", "main", "resources", "sample",
            "MyActivity.json");

    @Test
    void theStockTrpcClientPassesItsTestsAgainstTheLocalSystem() throws Exception {
        PersonaLocalRuntime stack = SharedStack.get();
        Path tests = CLIENTS.resolve("dist/test/trpc.test.js");
        assertThat(tests).as("compiled by the persona-clients module (clients/build.sh)").exists();
        Path output = Files.createTempFile("trpc-client-tests", ".txt");

        ProcessBuilder node = new ProcessBuilder(List.of("node", "--test", "--test-reporter=spec",
                "--test-reporter-destination=stdout", CLIENTS.relativize(tests).toString()))
                .directory(CLIENTS.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> environment = node.environment();
        environment.put("PERSONA_API_URL", stack.endpoints().api().toString());
        environment.put("PERSONA_TOKEN", stack.token("trpc-alice"));
        environment.put("PERSONA_OTHER_TOKEN", stack.token("trpc-bob"));
        environment.put("PERSONA_SAMPLE_FILE", SAMPLE.toAbsolutePath().normalize().toString());
        Process process = node.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String report = read(output);
        System.out.println(report);

        assertThat(finished).as("node --test finished within 5 minutes:\n%s", report).isTrue();
        assertThat(process.exitValue()).as("node --test failed:\n%s", report).isZero();
        assertThat(report).contains("ℹ fail 0").doesNotContain("ℹ pass 0");
        for (String suite : List.of("httpLink", "httpBatchLink", "me", "notes", "bookmarks", "files", "me.deleteData")) {
            assertThat(report).as("the suite %s ran and passed", suite).contains("✔ " + suite + " (");
        }
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
