package dev.persona.pipeline.blocks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import dev.persona.domain.Activity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockWriterTest {

    @Test
    void rowsReadBackAreTheActivitiesAppendedOverManyBlocks() {
        List<Activity> activities = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            activities.add(activity(i));
        }
        byte[] file = written(activities);

        assertThat(read(file)).isEqualTo(activities);
        assertThat(new BlockReader(new ByteArrayInputStream(file)).next().records())
                .as("more than one block").isLessThan(activities.size());
    }

    @Test
    void textsOfOneAndOfSeveralLengthBytesAreSplitAtTheirEnds() {
        List<Activity> activities = List.of(withText(activity(1), "x".repeat(126)),
                withText(activity(2), "x".repeat(127)), withText(activity(3), "é".repeat(400)),
                withText(activity(4), ""));
        assertThat(read(written(activities))).isEqualTo(activities);
    }

    @Test
    void aRowCutShortIsRefused() {
        ActivityRow row = new ActivityRow().encode(activity(1));
        BlockWriter writer = new BlockWriter(new ByteArrayOutputStream());
        assertThatThrownBy(() -> writer.append(row.bytes(), 0, row.length() + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The file of the activities' rows; each row's time and date-only flag read back from the row. */
    private static byte[] written(List<Activity> activities) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        BlockWriter writer = new BlockWriter(file);
        ActivityRow row = new ActivityRow();
        for (Activity activity : activities) {
            row.encode(activity);
            writer.append(row.bytes(), 0, row.length());
            assertThat(ActivityRow.time(row.bytes(), 0)).isEqualTo(activity.time());
            assertThat(ActivityRow.dateOnly(row.bytes(), 0)).isEqualTo(activity.dateOnly());
        }
        writer.finish();
        return file.toByteArray();
    }

    private static List<Activity> read(byte[] file) {
        List<Activity> read = new ArrayList<>();
        ActivityBlocks.read(new ByteArrayInputStream(file), each -> read.add(each.activity()));
        return read;
    }

    private static Activity withText(Activity a, String text) {
        return new Activity(a.time(), a.dateOnly(), a.source(), a.kind(), text, a.context(), a.url(), a.domain(),
                a.value(), a.durationSeconds(), a.userCategory(), a.medium(), a.season(), a.profile());
    }

    private static Activity activity(int i) {
        boolean media = i % 3 == 0;
        return new Activity(1_700_000_000_000L + i * 61_000L, i % 7 == 0, "YouTube", "watch",
                i % 5 == 0 ? null : "title " + i + " café ☕ " + "x".repeat(i % 200),
                media ? "channel " + (i % 40) : null, "https://www.example.com/watch?v=" + i, "example.com",
                i % 4 == 0 ? (double) i : null, media ? i * 0.5 : null, i % 11 == 0 ? "Sports" : null,
                media ? Activity.VIDEO : null, i % 13 == 0 ? "Season 2" : null, i % 17 == 0 ? "Kim" : null);
    }
}
