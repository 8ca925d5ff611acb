package dev.persona.pipeline.archive;

import dev.persona.pipeline.errors.ArchiveEntryNameTooLong;
import dev.persona.pipeline.errors.UnsafeArchiveEntryName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntryNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"../evil.json", "Takeout/../../evil.json", "..", "a/..", "/etc/passwd", "\\\\server\\share",
        "C:\\Windows\\evil.json", "c:evil.json", "Takeout\\..\\evil.json", "Takeout/\0.json"})
    void namesThatCouldLeaveTheArchiveAreRefused(String name) {
        assertThatThrownBy(() -> EntryNames.check(name, EntryNames.byteLength(name), 1024))
                .isInstanceOf(UnsafeArchiveEntryName.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Takeout/My Activity/Search/MyActivity.html", "a..b/c.json", "..hidden", "file..",
        "Takeout/YouTube and YouTube Music/history/watch-history.json", "Meine Aktivitäten/Suche.html"})
    void ordinaryNamesPass(String name) {
        assertThatCode(() -> EntryNames.check(name, EntryNames.byteLength(name), 1024)).doesNotThrowAnyException();
    }

    @Test
    void aNameLongerThanTheLimitIsRefusedAndShownShort() {
        String name = "x".repeat(2000);
        assertThatThrownBy(() -> EntryNames.check(name, 2000, 1024)).isInstanceOf(ArchiveEntryNameTooLong.class)
                .hasMessageContaining("2000 bytes");
        assertThat(EntryNames.shown(name)).hasSize(80).endsWith("…");
        assertThat(EntryNames.shown("a\u0000b\nc")).isEqualTo("abc");
    }
}
