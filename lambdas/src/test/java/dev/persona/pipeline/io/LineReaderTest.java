package dev.persona.pipeline.io;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineReaderTest {

    @Test
    void readsLfAndCrlfLinesAcrossBufferBoundariesAndFlagsOverlongOnes() {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            input.append("line ").append(i).append(i % 2 == 0 ? "\r\n" : "\n");
        }
        input.append("x".repeat(200)).append('\n').append("last without newline");
        LineReader reader = new LineReader(new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)), 100);
        List<String> lines = new ArrayList<>();
        List<Long> tooLong = new ArrayList<>();
        while (reader.next()) {
            if (reader.lineTooLong()) {
                tooLong.add(reader.lineNumber());
            } else {
                lines.add(new String(reader.buffer(), reader.lineStart(), reader.lineLength(), StandardCharsets.UTF_8));
            }
        }
        assertThat(lines).hasSize(20_001);
        assertThat(lines.get(0)).isEqualTo("line 0");
        assertThat(lines.get(19_999)).isEqualTo("line 19999");
        assertThat(lines.get(20_000)).isEqualTo("last without newline");
        assertThat(tooLong).containsExactly(20_001L);
    }
}
