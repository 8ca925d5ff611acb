package dev.persona.bookmarks;

import java.util.List;

import dev.persona.api.testing.BookmarkFiles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetscapeBookmarkFileTest {

    @Test
    void readsLinksWithTheirLineTitleDateAndTags() {
        String html = """
                <!DOCTYPE NETSCAPE-Bookmark-file-1>
                <DL><p>
                    <DT><H3 PERSONAL_TOOLBAR_FOLDER="true">Bookmarks bar</H3>
                    <DL><p>
                        <DT><A HREF="https://a.example/?x=1&amp;y=2" ADD_DATE="1700000000">Fish &amp; Chips</A>
                        <DT><H3>Été Recipes</H3>
                        <DL><p>
                            <DT><A href='https://b.example/' TAGS="Quick,Weeknight Dinners">L&#39;été <b>chaud</b></A>
                        </DL><p>
                    </DL><p>
                    <DT><A HREF=https://c.example/ ICON="data:image/png;base64,AA==">C
                </DL><p>
                """;
        List<NetscapeBookmarkFile.Entry> entries = NetscapeBookmarkFile.parse(html, 10);

        assertThat(entries).hasSize(3);
        assertThat(entries.get(0)).isEqualTo(new NetscapeBookmarkFile.Entry(5, "https://a.example/?x=1&y=2",
                "Fish & Chips", "1700000000", List.of()));
        assertThat(entries.get(1).title()).isEqualTo("L'été chaud");
        assertThat(entries.get(1).tags()).containsExactly("quick", "weeknight-dinners", "ete-recipes");
        assertThat(entries.get(1).line()).isEqualTo(8);
        assertThat(entries.get(2).href()).isEqualTo("https://c.example/");
        assertThat(entries.get(2).title().strip()).isEqualTo("C");
        assertThat(entries.get(2).tags()).isEmpty();
    }

    @Test
    void aGeneratedExportIsReadWhole() {
        BookmarkFiles.BookmarkFile file = BookmarkFiles.generate(2_000, 7);
        assertThat(NetscapeBookmarkFile.parse(file.html(), 2_000)).hasSize(2_000);
        assertThatThrownBy(() -> NetscapeBookmarkFile.parse(file.html(), 1_999))
                .isInstanceOf(NetscapeBookmarkFile.TooManyEntriesException.class);
    }
}
