package dev.persona.pipeline.io;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-01-15T10:20:30Z|2024-01-15T10:20:30Z|0",
        "2024-01-15t10:20:30z|2024-01-15T10:20:30Z|0",
        "2024-01-15T10:20:30.1Z|2024-01-15T10:20:30.100Z|0",
        "2024-01-15T10:20:30.123456789Z|2024-01-15T10:20:30.123Z|0",
        "2024-01-15T10:20:30,5Z|2024-01-15T10:20:30.500Z|0",
        "2024-01-15T12:20:30+02:00|2024-01-15T10:20:30Z|7200",
        "2024-01-15T12:20:30+0200|2024-01-15T10:20:30Z|7200",
        "2024-01-15T08:20:30-02|2024-01-15T10:20:30Z|-7200",
        "2024-01-15T10:20:30 UTC|2024-01-15T10:20:30Z|0",
        "2024-01-15 10:20:30 GMT|2024-01-15T10:20:30Z|0",
        "2024-01-15T05:50:30+05:30|2024-01-15T00:20:30Z|19800",
        "2024-02-29T00:00:00Z|2024-02-29T00:00:00Z|0",
        "Mon, 15 Jan 2024 10:20:30 GMT|2024-01-15T10:20:30Z|0",
        "Mon, 15 Jan 2024 12:20:30 +0200|2024-01-15T10:20:30Z|7200"
    })
    void readsInstantsWithOffsets(String text, String instant, int offsetSeconds) {
        Timestamps.Parsed parsed = new Timestamps.Parsed();
        assertThat(Timestamps.parse(text, ZoneOffset.UTC, parsed)).isTrue();
        assertThat(Instant.ofEpochMilli(parsed.epochMillis)).isEqualTo(Instant.parse(instant));
        assertThat(parsed.offsetSeconds).isEqualTo(offsetSeconds);
        assertThat(parsed.dateOnly).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2024-01-15T10:20:30|2024-01-15T10:20:30Z|UTC",
        "2024-01-15 10:20:30|2024-01-15T09:20:30Z|Europe/Paris",
        "2024-07-15 10:20:30|2024-07-15T08:20:30Z|Europe/Paris",
        "2024-01-15T10:20|2024-01-15T15:20:00Z|America/New_York",
        "2024/01/15 10:20:30|2024-01-15T10:20:30Z|UTC"
    })
    void readsLocalTimesInTheGivenZone(String text, String instant, String zone) {
        Timestamps.Parsed parsed = new Timestamps.Parsed();
        assertThat(Timestamps.parse(text, ZoneId.of(zone), parsed)).isTrue();
        assertThat(Instant.ofEpochMilli(parsed.epochMillis)).isEqualTo(Instant.parse(instant));
        assertThat(parsed.offsetSeconds).isEqualTo(Timestamps.NO_OFFSET);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1705314030|2024-01-15T10:20:30Z",
        "1705314030.25|2024-01-15T10:20:30.250Z",
        "1705314030123|2024-01-15T10:20:30.123Z",
        "1705314030123456|2024-01-15T10:20:30.123Z",
        "0|1970-01-01T00:00:00Z"
    })
    void readsEpochSecondsMillisAndMicros(String text, String instant) {
        Timestamps.Parsed parsed = new Timestamps.Parsed();
        assertThat(Timestamps.parse(text, ZoneOffset.UTC, parsed)).isTrue();
        assertThat(Instant.ofEpochMilli(parsed.epochMillis)).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @CsvSource({"2024-01-15, UTC, 2024-01-15T00:00:00Z", "2024-01-15, Asia/Tokyo, 2024-01-14T15:00:00Z"})
    void aDateAloneIsMidnightAndFlagged(String text, String zone, String instant) {
        Timestamps.Parsed parsed = new Timestamps.Parsed();
        assertThat(Timestamps.parse(text, ZoneId.of(zone), parsed)).isTrue();
        assertThat(parsed.dateOnly).isTrue();
        assertThat(Instant.ofEpochMilli(parsed.epochMillis)).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"07:15", "23:40:05"})
    void aTimeOfDayAloneIsFlaggedForCombining(String text) {
        Timestamps.Parsed parsed = new Timestamps.Parsed();
        assertThat(Timestamps.parse(text, ZoneOffset.UTC, parsed)).isTrue();
        assertThat(parsed.timeOfDayOnly).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "yesterday", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-00-10",
        "2024-01-32", "2024-01-15T24:00:00Z", "2024-01-15T10:60:00Z", "2024-01-15T10:20:30+25:00",
        "2024-01-15T10:20:30 PST", "15/01/2024", "01/15/2024 10:20", "2024-01-15X10:20:30", "12345678901234567890",
        "1.2.3", "2024-01-15T10:20:30.Z", "25:00"})
    void rejectsAnythingElse(String text) {
        assertThat(Timestamps.parse(text, ZoneOffset.UTC, new Timestamps.Parsed())).as(text).isFalse();
    }
}
