package dev.persona.pipeline.io;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLineBuilderTest {

    @Test
    void writesValidJsonForEveryKindOfCharacter() throws Exception {
        String tricky = "quote \" backslash \\ newline \n tab \t control \u0001 é € 😀 lone \ud800 end";
        JsonLineBuilder line = new JsonLineBuilder().begin().field("text", tricky).field("n", 3.0)
                .field("x", 2.5).field("missing", (String) null).flag("on", true).flag("off", false).end();
        String json = new String(line.bytes(), 0, line.length(), StandardCharsets.UTF_8);

        assertThat(json).endsWith("}\n");
        JsonNode parsed = Json.MAPPER.readTree(json);
        assertThat(parsed.get("text").asText()).isEqualTo(tricky.replace('\ud800', '\ufffd'));
        assertThat(parsed.get("n").isIntegralNumber()).isTrue();
        assertThat(parsed.get("x").asDouble()).isEqualTo(2.5);
        assertThat(parsed.has("missing")).isFalse();
        assertThat(parsed.get("on").asBoolean()).isTrue();
        assertThat(parsed.has("off")).isFalse();
    }

    @Test
    void growsForLongValuesFullOfEscapes() throws Exception {
        String controls = "\u0002".repeat(5000) + "é".repeat(5000);
        JsonLineBuilder line = new JsonLineBuilder().begin().field("t", controls).end();
        JsonNode parsed = Json.MAPPER.readTree(new String(line.bytes(), 0, line.length(), StandardCharsets.UTF_8));
        assertThat(parsed.get("t").asText()).isEqualTo(controls);
    }

    @Test
    void reopensAnObjectToAppendFields() throws Exception {
        byte[] original = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        JsonLineBuilder line = new JsonLineBuilder().reopen(original, 0, original.length).field("b", "two").end();
        assertThat(new String(line.bytes(), 0, line.length(), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":1,\"b\":\"two\"}\n");
    }

    @Test
    void formatsInstantsLikeJavaTime() {
        for (long millis : new long[] {0, 1, 999, 1_705_314_030_123L, 951_782_400_000L, 4_102_444_799_999L,
                -86_400_000L}) {
            assertThat(IsoInstant.format(millis)).isEqualTo(java.time.Instant.ofEpochMilli(millis).toString());
        }
    }
}
