package dev.persona.local.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;

import dev.persona.bench.ActivityFileGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's sample file is the generator's output for the arguments the README documents, byte for byte:
 * {@code ActivityFileGenerator local/runtime/src/main/resources/sample/MyActivity.json --records 3000 --seed 42}.
 */
class SampleActivityFileTest {

    @Test
    void theShippedSampleIsTheGeneratorsOutput() throws Exception {
        byte[] shipped;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DemoCommand.SAMPLE_RESOURCE)) {
            assertThat(in).as("the sample on the classpath").isNotNull();
            shipped = in.readAllBytes();
        }
        ByteArrayOutputStream generated = new ByteArrayOutputStream();
        new ActivityFileGenerator(42, ActivityFileGenerator.Format.TAKEOUT).write(generated, 0, 3000);

        assertThat(shipped).isEqualTo(generated.toByteArray());
    }
}
