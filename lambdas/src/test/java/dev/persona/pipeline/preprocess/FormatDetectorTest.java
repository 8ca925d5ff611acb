package dev.persona.pipeline.preprocess;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import dev.persona.pipeline.errors.UnsupportedFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormatDetectorTest {

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("[{\"header\":\"YouTube\",\"title\":\"Watched x\",\"time\":\"2024-01-01T00:00:00Z\","
                        + "\"products\":[\"YouTube\"]}]", InputFormat.TAKEOUT_MY_ACTIVITY),
                Arguments.of("[\n  {\n    \"header\": \"Search\",\n    \"title\": \"Searched for x\",\n    \"titleUrl\": "
                        + "\"https://www.google.com/search?q=x\",\n    \"time\": \"2024-01-01T00:00:00Z\"", InputFormat.TAKEOUT_MY_ACTIVITY),
                Arguments.of("  [ {\"title\":\"x\",\"time\":\"2024\"} ]", InputFormat.JSON_ARRAY),
                Arguments.of("[1, 2]", InputFormat.JSON_ARRAY),
                Arguments.of("{\"ts\":1}\n{\"ts\":2}", InputFormat.JSON_LINES),
                Arguments.of("Timestamp;Title\n2024-01-01;x", InputFormat.CSV),
                Arguments.of("date\ttext\n2024-01-01\tx", InputFormat.CSV));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void detectsTheFormatFromTheContent(String content, InputFormat format) {
        assertThat(detect(content).format()).isEqualTo(format);
    }

    @ParameterizedTest
    @ValueSource(strings = {"semicolons;with;no;clock\n1;2;3;4", "{\n \"ts\": 1\n}", "plain words and nothing else"})
    void refusesWhatItCannotRead(String content) {
        assertThatThrownBy(() -> detect(content)).isInstanceOf(UnsupportedFormat.class);
    }

    static Stream<Arguments> headers() {
        return Stream.of(Arguments.of("a,b,\"c,d\",time", ',', 4), Arguments.of("x|y|time||", '|', 5),
                Arguments.of("a;\"b;c\";time", ';', 3), Arguments.of("time", ',', 1));
    }

    @ParameterizedTest
    @MethodSource("headers")
    void csvDialectPicksTheDelimiterOutsideQuotes(String header, char delimiter, int columns) {
        CsvDialect dialect = CsvDialect.fromHeader(header);
        assertThat((char) dialect.delimiter()).isEqualTo(delimiter);
        assertThat(dialect.columns()).hasSize(columns);
    }

    private static FormatDetector.Detection detect(String content) {
        return FormatDetector.detect(new BufferedInputStream(
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8))));
    }
}
