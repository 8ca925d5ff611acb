package dev.persona.pipeline.preprocess;

import java.time.Instant;
import java.time.ZoneId;

import dev.persona.pipeline.io.Timestamps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TakeoutHtmlTimeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Jan 5, 2024, 9:14:03 PM CET|2024-01-05T20:14:03Z",
        "Jan 5, 2024, 9:14:03\u202FPM CET|2024-01-05T20:14:03Z",
        "Jul 5, 2024, 9:14:03\u00A0PM CEST|2024-07-05T19:14:03Z",
        "Dec 31, 2023, 12:05:00 AM EST|2023-12-31T05:05:00Z",
        "Mar 10, 2024, 12:30:00 PM PDT|2024-03-10T19:30:00Z",
        "5 Jan 2024, 21:14:03 GMT|2024-01-05T21:14:03Z",
        "5 Sept 2024, 21:14:03 BST|2024-09-05T20:14:03Z",
        "5 September 2024, 21:14:03 UTC|2024-09-05T21:14:03Z",
        "5 Jan 2024, 9:14:03 pm GMT+5:30|2024-01-05T15:44:03Z",
        "Jan. 5, 2024, 9:14:03 p.m. GMT-08:00|2024-01-06T05:14:03Z",
        "Feb 29, 2024, 7:00:00 AM JST|2024-02-28T22:00:00Z",
        "Jun 23, 2015, 2:43:45 PM|2015-06-23T14:43:45Z"
    })
    void readsEnglishTakeoutDates(String text, String instant) {
        Timestamps.Parsed parsed = new Timestamps.Parsed();
        assertThat(new TakeoutHtmlTime(null).parse(text, parsed)).isEqualTo(TakeoutHtmlTime.Result.PARSED);
        assertThat(Instant.ofEpochMilli(parsed.epochMillis)).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Jan 5, 2024, 9:14:03 PM IST|Asia/Kolkata|2024-01-05T15:44:03Z",
        "Jul 5, 2024, 9:14:03 PM IST|Europe/Dublin|2024-07-05T20:14:03Z",
        "Jan 5, 2024, 9:14:03 PM CST|America/Chicago|2024-01-06T03:14:03Z",
        "Jan 5, 2024, 9:14:03 PM CST|Asia/Shanghai|2024-01-05T13:14:03Z",
        "Jun 23, 2015, 2:43:45 PM|Europe/Paris|2015-06-23T12:43:45Z"
    })
    void anAbbreviationSeveralZonesShareIsTheDeclaredZones(String text, String zone, String instant) {
        Timestamps.Parsed parsed = new Timestamps.Parsed();
        assertThat(new TakeoutHtmlTime(ZoneId.of(zone)).parse(text, parsed))
                .isEqualTo(TakeoutHtmlTime.Result.PARSED);
        assertThat(Instant.ofEpochMilli(parsed.epochMillis)).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Jan 5, 2024, 9:14:03 PM IST", "Jan 5, 2024, 9:14:03 PM CST"})
    void anAmbiguousAbbreviationWithoutADeclaredZoneIsNotGuessed(String text) {
        assertThat(new TakeoutHtmlTime(null).parse(text, new Timestamps.Parsed()))
                .isEqualTo(TakeoutHtmlTime.Result.AMBIGUOUS_ZONE);
        assertThat(new TakeoutHtmlTime(ZoneId.of("Europe/Paris")).parse(text, new Timestamps.Parsed()))
                .isEqualTo(TakeoutHtmlTime.Result.AMBIGUOUS_ZONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"05.01.2024, 21:14:03 MEZ", "5 janv. 2024, 21:14:03 UTC+1", "8 ene 2024, 8:33:01",
        "Feb 30, 2024, 9:14:03 PM CET", "Jan 5, 2024, 13:14:03 PM CET", "Jan 5, 2024, 9:14 PM XYZ", "yesterday",
        "Jan 5, 2024, 9:14:03 PM CET extra"})
    void anythingElseIsUnreadable(String text) {
        assertThat(new TakeoutHtmlTime(null).parse(text, new Timestamps.Parsed()))
                .isEqualTo(TakeoutHtmlTime.Result.UNREADABLE);
    }
}
