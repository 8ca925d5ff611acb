package dev.persona.local.stepfunctions.asl.paths;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.stepfunctions.asl.Json;
import dev.persona.local.stepfunctions.asl.StatesFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultPathTest {

    private static final JsonNode INPUT = Json.parse("{\"a\":{\"b\":1},\"list\":[1,2]}");
    private static final JsonNode RESULT = Json.parse("{\"r\":true}");

    @Test
    void placesTheResultWithoutChangingTheInput() {
        JsonNode merged = ResultPath.apply(JsonPath.parse("$.a.c.d"), INPUT, RESULT);
        assertThat(merged).isEqualTo(Json.parse("{\"a\":{\"b\":1,\"c\":{\"d\":{\"r\":true}}},\"list\":[1,2]}"));
        assertThat(INPUT).isEqualTo(Json.parse("{\"a\":{\"b\":1},\"list\":[1,2]}"));
        assertThat(merged.get("list")).isSameAs(INPUT.get("list"));
    }

    @Test
    void rootReplacesNullDiscardsAndIndexesReplaceElements() {
        assertThat(ResultPath.apply(JsonPath.parse("$"), INPUT, RESULT)).isSameAs(RESULT);
        assertThat(ResultPath.apply(null, INPUT, RESULT)).isSameAs(INPUT);
        assertThat(ResultPath.apply(JsonPath.parse("$.list[1]"), INPUT, RESULT).get("list"))
                .isEqualTo(Json.parse("[1,{\"r\":true}]"));
    }

    @Test
    void failsWhereTheInputHasNoObjectToHoldTheResult() {
        assertThatThrownBy(() -> ResultPath.apply(JsonPath.parse("$.a.b.c"), INPUT, RESULT))
                .isInstanceOfSatisfying(StatesFailure.class, failure -> {
                    assertThat(failure.error()).isEqualTo("States.ResultPathMatchFailure");
                    assertThat(failure.cause()).startsWith("Unable to apply ReferencePath $.a.b.c to input \"{");
                });
    }
}
