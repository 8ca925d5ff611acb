package dev.persona.pipeline.preprocess;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.persona.pipeline.errors.UnsupportedLanguage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TakeoutHtmlRecordsTest {

    private static final String HEAD = "<html><head><style type=\"text/css\">%s</style></head><body>"
            + "<div class=\"mdl-grid\">";

    private static String cell(String header, String body, String caption) {
        return "<div class=\"outer-cell mdl-cell mdl-cell--12-col mdl-shadow--2dp\"><div class=\"mdl-grid\"><div "
                + "class=\"header-cell mdl-cell mdl-cell--12-col\"><p class=\"mdl-typography--title\">" + header
                + "<br></p></div><div class=\"content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1\">" + body
                + "</div><div class=\"content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1 "
                + "mdl-typography--text-right\"></div><div class=\"content-cell mdl-cell mdl-cell--12-col "
                + "mdl-typography--caption\">" + caption + "</div></div></div>";
    }

    private static final String CAPTION = "<b>Products:</b><br>&emsp;YouTube<br><b>Details:</b><br>&emsp;From Google "
            + "Ads<br><b>Why is this here?</b><br>&emsp;Web &amp; App Activity<br>";

    @Test
    void readsHeaderTitleLinkSubtitleDateAndCaption() {
        String html = HEAD.formatted("") + cell("YouTube", "Watched&nbsp;<a href=\"https://www.youtube.com/watch?v=a&amp;t=1\">"
                + "Tom &amp; Jerry &lt;3 &#39;classic&#x27;</a><br><a href=\"https://www.youtube.com/channel/x\">"
                + "Cartoon&nbsp;Network</a><br>Jan 5, 2024, 9:14:03\u202FPM CET<br>", CAPTION)
                + cell("Search", "Searched for <a href=\"https://www.google.com/search?q=x\">x</a><br/>"
                + "Jan 6, 2024, 9:14:03 AM CET<br />", "<b>Products:</b><br>&emsp;Search<br>") + "</div></body></html>";

        List<Map<Field, String>> records = read(html);

        assertThat(records).hasSize(2);
        assertThat(records.get(0)).containsEntry(Field.PRODUCT, "YouTube")
                .containsEntry(Field.TEXT, "Watched Tom & Jerry <3 'classic'")
                .containsEntry(Field.URL, "https://www.youtube.com/watch?v=a&t=1")
                .containsEntry(Field.CONTEXT, "Cartoon Network")
                .containsEntry(Field.TIMESTAMP, "Jan 5, 2024, 9:14:03 PM CET")
                .containsEntry(Field.DETAILS, "From Google Ads");
        assertThat(records.get(1)).containsEntry(Field.TEXT, "Searched for x").doesNotContainKey(Field.CONTEXT)
                .containsEntry(Field.TIMESTAMP, "Jan 6, 2024, 9:14:03 AM CET");
    }

    @Test
    void findsTheFirstCellFarBeyondTheFormatSampleAndCountsCells() {
        String style = "x".repeat(200_000);
        String html = HEAD.formatted(style) + cell("Search", "Searched for <a href=\"https://g.co/s\">q</a><br>"
                + "Jan 6, 2024, 9:14:03 AM CET<br>", "<b>Products:</b><br>&emsp;Search<br>") + "</div></body></html>";
        TakeoutHtmlRecords records = new TakeoutHtmlRecords(stream(html));
        List<Map<Field, String>> read = new ArrayList<>();
        records.readAll(collector(read));
        assertThat(read).hasSize(1);
        assertThat(records.cells()).isEqualTo(1);
    }

    @Test
    void aPageWithoutActivityHasNoCells() {
        TakeoutHtmlRecords records = new TakeoutHtmlRecords(stream("<!DOCTYPE html><html><body><h1>Archive</h1>"
                + "</body></html>"));
        List<Map<Field, String>> read = new ArrayList<>();
        records.readAll(collector(read));
        assertThat(read).isEmpty();
        assertThat(records.cells()).isZero();
    }

    @Test
    void aCellLargerThanOneMebibyteIsRejectedAndTheNextOneRead() {
        String huge = cell("Search", "Searched for <a href=\"https://g.co/s\">" + "q".repeat(1_100_000) + "</a><br>"
                + "Jan 6, 2024, 9:14:03 AM CET<br>", "<b>Products:</b><br>&emsp;Search<br>");
        String small = cell("Search", "Searched for <a href=\"https://g.co/s\">ok</a><br>Jan 6, 2024, 9:14:03 AM CET"
                + "<br>", "<b>Products:</b><br>&emsp;Search<br>");
        List<Map<Field, String>> read = new ArrayList<>();
        List<RejectReason> rejected = new ArrayList<>();
        new TakeoutHtmlRecords(stream(HEAD.formatted("") + small + huge + small + "</div></body></html>"))
                .readAll(new RecordConsumer() {
                    @Override
                    public void accept(RawRecord record) {
                        read.add(Map.of(Field.TEXT, record.get(Field.TEXT)));
                    }

                    @Override
                    public void reject(long line, RejectReason reason, String excerpt) {
                        rejected.add(reason);
                    }
                });
        assertThat(read).hasSize(2).allSatisfy(r -> assertThat(r.get(Field.TEXT)).isEqualTo("Searched for ok"));
        assertThat(rejected).containsExactly(RejectReason.RECORD_TOO_LONG);
    }

    @Test
    void aPageInAnotherLanguageIsRefusedNamingIt() {
        String german = HEAD.formatted("") + cell("Google Suche", "Gesucht nach&nbsp;<a href=\"https://g.co\">x</a><br>"
                + "05.01.2024, 21:14:03 MEZ<br>", "<b>Produkte:</b><br>&emsp;Google Suche<br>") + "</div></body></html>";
        assertThatThrownBy(() -> read(german)).isInstanceOf(UnsupportedLanguage.class)
                .hasMessageContaining("German").hasMessageContaining("Produkte:");
        String french = HEAD.formatted("") + cell("Recherche", "Recherche effectuée : <a href=\"https://g.co\">x</a>"
                + "<br>5 janv. 2024, 21:14:03 UTC+1<br>", "") + "</div></body></html>";
        assertThatThrownBy(() -> read(french)).isInstanceOf(UnsupportedLanguage.class).hasMessageContaining("French");
    }

    private static List<Map<Field, String>> read(String html) {
        List<Map<Field, String>> read = new ArrayList<>();
        new TakeoutHtmlRecords(stream(html)).readAll(collector(read));
        return read;
    }

    private static RecordConsumer collector(List<Map<Field, String>> read) {
        return new RecordConsumer() {
            @Override
            public void accept(RawRecord record) {
                Map<Field, String> values = new java.util.EnumMap<>(Field.class);
                for (Field field : Field.values()) {
                    if (record.get(field) != null) {
                        values.put(field, record.get(field));
                    }
                }
                read.add(values);
            }

            @Override
            public void reject(long line, RejectReason reason, String excerpt) {
                throw new AssertionError("rejected " + reason);
            }
        };
    }

    private static ByteArrayInputStream stream(String html) {
        return new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8));
    }
}
