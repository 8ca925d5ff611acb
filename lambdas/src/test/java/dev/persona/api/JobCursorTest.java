package dev.persona.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.persona.http.ApiException;
import dev.persona.http.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobCursorTest {

    private static final JobCursor CURSOR = new JobCursor("google_1", "2026-11-21T10:00:00.123Z",
            "01JCURSOR00000000000000000");

    @Test
    void roundTripsAndLooksOpaque() {
        String encoded = CURSOR.encode();

        assertThat(encoded).matches("[A-Za-z0-9_-]+").doesNotContain("google_1");
        assertThat(JobCursor.decode(encoded, "google_1")).isEqualTo(CURSOR);
    }

    @Test
    void anotherUsersCursorIsRefused() {
        assertInvalid(CURSOR.encode(), "google_2");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "!!!", "e30", "W10",
            "{\"u\":\"google_1\",\"c\":\"2026-11-21T10:00:00.123Z\"}",
            "{\"u\":\"google_1\",\"c\":\"yesterday\",\"j\":\"01J\"}",
            "{\"u\":\"google_1\",\"c\":\"2026-11-21T10:00:00.123Z\",\"j\":\"../x\"}",
            "{\"u\":\"google_1\",\"c\":\"2026-11-21T10:00:00.123Z\",\"j\":7}",
            "{\"u\":\"google_1\",\"c\":\"2026-11-21T10:00:00.123Z\",\"j\":\"01J\",\"extra\":1}"})
    void garbageAndTamperedCursorsAreRefused(String json) {
        String encoded = json.startsWith("{")
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8))
                : json;
        assertInvalid(encoded, "google_1");
    }

    private static void assertInvalid(String encoded, String userId) {
        assertThatThrownBy(() -> JobCursor.decode(encoded, userId))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CURSOR));
    }
}
