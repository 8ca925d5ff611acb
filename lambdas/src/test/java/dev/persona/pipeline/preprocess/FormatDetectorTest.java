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
                Arguments.of("date\ttext\n2024-01-01\tx", InputFormat.CSV),
                Arguments.of("<html><head><style>x</style></head><body><div class=\"mdl-grid\">",
                        InputFormat.TAKEOUT_MY_ACTIVITY_HTML),
                Arguments.of("{\n  \"Browser History\": [\n    {\n      \"favicon_url\": \"https://x/favicon.ico\",",
                        InputFormat.CHROME_HISTORY),
                Arguments.of("{\"Typed Url\": [], \"Browser History\": [{\"url\": \"https://x\"}]}",
                        InputFormat.CHROME_HISTORY),
                Arguments.of("[\n  {\n    \"endTime\" : \"2024-01-05 21:14\",\n    \"artistName\" : \"Queen\",\n"
                        + "    \"trackName\" : \"Bohemian Rhapsody\",\n    \"msPlayed\" : 354000\n  }",
                        InputFormat.SPOTIFY_STREAMING_HISTORY),
                Arguments.of("[{\"endTime\":\"2024-01-05 21:14\",\"podcastName\":\"The Daily\",\"episodeName\":\"x\","
                        + "\"msPlayed\":1}]", InputFormat.SPOTIFY_STREAMING_HISTORY),
                Arguments.of("[{\"ts\":\"2024-01-05T21:14:03Z\",\"username\":\"u\",\"ms_played\":1,"
                        + "\"master_metadata_track_name\":\"x\"}]", InputFormat.SPOTIFY_EXTENDED_HISTORY),
                Arguments.of("Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,"
                        + "Bookmark,Latest Bookmark,Country\nAnna,2024-01-05 20:14:03,00:42:10,,The Irishman,,TV,,,DE",
                        InputFormat.NETFLIX_VIEWING_ACTIVITY),
                Arguments.of("Profile Name,Start Time,Title\r\nAnna,2024-01-05 20:14:03,Roma",
                        InputFormat.NETFLIX_VIEWING_ACTIVITY));
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

    @ParameterizedTest
    @ValueSource(strings = {"[{\"install\": {\"doc\": {\"title\": \"x\"}, \"firstInstallationTime\": \"2021\"}}]",
        "[]", "{\"playlist\": \"x\"}\n", "{\n  \"username\" : \"u\"\n}", "Name,Value\nx,1", "\u0000\u0001binary"})
    void inAnArchiveAFileWhoseRecordsHaveNoTimeIsNotActivity(String content) {
        assertThat(FormatDetector.detectOrRefuse(new BufferedInputStream(new ByteArrayInputStream(
                content.getBytes(StandardCharsets.UTF_8))))).isInstanceOf(FormatDetector.Refusal.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"timestamp\": \"2024-01-01T00:00:00Z\", \"title\": \"x\"}]",
        "{\"Date\": \"2024-01-01\", \"title\": \"x\"}\n", "time,title\n2024-01-01T00:00:00Z,x"})
    void inAnArchiveEventFilesAreRead(String content) {
        assertThat(FormatDetector.detectOrRefuse(new BufferedInputStream(new ByteArrayInputStream(
                content.getBytes(StandardCharsets.UTF_8))))).isInstanceOf(FormatDetector.Detection.class);
    }

    private static FormatDetector.Detection detect(String content) {
        return FormatDetector.detect(new BufferedInputStream(
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8))));
    }
}
