package dev.persona.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cdk synth} run twice gives the same bytes: two JVMs, started as the CDK CLI starts the app (the context
 * in {@code CDK_CONTEXT_JSON}, the output folder in {@code CDK_OUTDIR}), write identical templates. A hash map
 * iterated in its per-JVM order anywhere in the app would change a template, and an API Gateway deployment's
 * logical id, from one synthesis to the next, so {@code cdk diff} would never be clean.
 */
class SynthesisIsReproducibleIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoSynthesesInTwoJvmsWriteByteIdenticalTemplates(@TempDir Path first, @TempDir Path second) throws Exception {
        String context = JSON.writeValueAsString(PersonaAppTest.cdkJsonContext());
        Process one = synthesize(first, context);
        Process two = synthesize(second, context);
        assertThat(one.waitFor(5, TimeUnit.MINUTES) && one.exitValue() == 0).as("the first synthesis").isTrue();
        assertThat(two.waitFor(5, TimeUnit.MINUTES) && two.exitValue() == 0).as("the second synthesis").isTrue();

        List<Path> templates = templates(first);
        assertThat(templates).hasSize(4);
        assertThat(templates(second)).hasSameSizeAs(templates);
        for (Path template : templates) {
            Path twin = second.resolve(first.relativize(template));
            assertThat(Files.mismatch(template, twin)).as(template.getFileName().toString()).isEqualTo(-1L);
        }
    }

    private static Process synthesize(Path outdir, String context) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), PersonaApp.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(outdir.resolveSibling(outdir.getFileName() + ".log").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("CDK_OUTDIR", outdir.toString());
        environment.put("CDK_CONTEXT_JSON", context);
        environment.put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        return builder.start();
    }

    private static List<Path> templates(Path assembly) throws IOException {
        try (Stream<Path> files = Files.list(assembly)) {
            return new ArrayList<>(files.filter(file -> file.getFileName().toString().endsWith(".template.json"))
                    .sorted().toList());
        }
    }
}
