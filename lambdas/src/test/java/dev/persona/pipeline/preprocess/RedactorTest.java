package dev.persona.pipeline.preprocess;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mail jane@example.com today|mail [email] today",
        "a.b-c+tag@sub.example.co.uk.|[email].",
        "two: x@y.io and z@w.org|two: [email] and [email]",
        "call +1 415 555 2671 now|call [phone] now",
        "(415) 555-2671|[phone]",
        "415-555-2671|[phone]",
        "415.555.2671|[phone]",
        "+44 20 7946 0958|[phone]",
        "+33 6 12 34 56 78|[phone]",
        "07946 095858|[phone]",
        "4155552671|[phone]",
        "+4915123456789|[phone]",
        "paid with 4111 1111 1111 1111 yesterday|paid with [card] yesterday",
        "card 4111-1111-1111-1111.|card [card].",
        "5555555555554444|[card]",
        "amex 3782 822463 10005 ok|amex [card] ok",
        "6011 1111 1111 1117 and mail a@b.io|[card] and mail [email]"
    })
    void redactsEmailAddressesAndPhoneNumbers(String text, String redacted) {
        assertThat(Redactor.redact(text)).isEqualTo(redacted);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "@handle and user@ and @ alone",
        "on 2024-01-15 at 10:20:30",
        "2024-01-15",
        "22,000 fans in 1999",
        "order 123456789",
        "ISBN 9780306406157",
        "version 1.2.3.4",
        "score 3-2 after 90 minutes",
        "price 1234.56",
        "timestamp 1705314030123",
        "not a card 4111 1111 1111 1112",
        "epoch millis 1705314030123 and 1705314030125"
    })
    void leavesEverythingElseAlone(String text) {
        assertThat(Redactor.redact(text)).isEqualTo(text);
    }
}
