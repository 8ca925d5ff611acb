package dev.persona.pipeline.blocks;

import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

import dev.persona.domain.Activity;
import dev.persona.domain.CategorizedActivity;

/** Reading whole activities back from an intermediate file, and the classification columns' value tables. */
public final class ActivityBlocks {

    /** The {@link Column#SIGNAL} values by their code: part of the file format, so only ever appended to. */
    public static final List<String> SIGNALS = List.of("none", "user-category", "medium", "domain", "keywords");

    private ActivityBlocks() {
    }

    /**
     * Reads every activity of a file in order, with its category, confidence and signal when the file has them
     * (categorize's output), else with a null category.
     */
    public static void read(InputStream in, Consumer<CategorizedActivity> each) {
        BlockReader reader = new BlockReader(in);
        for (Block block = reader.next(); block != null; block = reader.next()) {
            ColumnCursor time = block.column(Column.TIME);
            ColumnCursor flags = block.column(Column.FLAGS);
            ColumnCursor source = block.column(Column.SOURCE);
            ColumnCursor kind = block.column(Column.KIND);
            ColumnCursor text = block.column(Column.TEXT);
            ColumnCursor context = block.column(Column.CONTEXT);
            ColumnCursor url = block.column(Column.URL);
            ColumnCursor domain = block.column(Column.DOMAIN);
            ColumnCursor value = block.column(Column.VALUE);
            ColumnCursor duration = block.column(Column.DURATION_SECONDS);
            ColumnCursor userCategory = block.column(Column.USER_CATEGORY);
            ColumnCursor medium = block.column(Column.MEDIUM);
            ColumnCursor season = block.column(Column.SEASON);
            ColumnCursor profile = block.column(Column.PROFILE);
            boolean classified = block.has(Column.CATEGORY);
            ColumnCursor category = classified ? block.column(Column.CATEGORY) : null;
            ColumnCursor confidence = classified ? block.column(Column.CONFIDENCE) : null;
            ColumnCursor signal = classified ? block.column(Column.SIGNAL) : null;
            for (int i = 0; i < block.records(); i++) {
                Activity activity = new Activity(time.nextLong(), (flags.nextByte() & ActivityRow.DATE_ONLY) != 0,
                        source.nextText(), kind.nextText(), text.nextText(), context.nextText(), url.nextText(),
                        domain.nextText(), value.nextNumber(), duration.nextNumber(), userCategory.nextText(),
                        medium.nextText(), season.nextText(), profile.nextText());
                each.accept(classified
                        ? new CategorizedActivity(activity, category.nextDictionaryValue(), confidence.nextByte() / 100.0,
                                signal(signal.nextByte()))
                        : new CategorizedActivity(activity, null, 0, null));
            }
        }
    }

    private static String signal(int code) {
        if (code >= SIGNALS.size()) {
            throw new CorruptBlockException("signal code " + code);
        }
        return SIGNALS.get(code);
    }

    /**
     * A {@link Column.Encoding#DICTIONARY} column being built: the dictionary is written at the start of every block,
     * then one index per record.
     */
    public static final class DictionaryColumn {
        private final List<String> values;
        private final ColumnBuffer buffer = new ColumnBuffer(8 * 1024);

        public DictionaryColumn(List<String> values) {
            if (values.size() > 255) {
                throw new IllegalArgumentException("a dictionary holds at most 255 values");
            }
            this.values = List.copyOf(values);
            clear();
        }

        public void add(int index) {
            buffer.add((byte) index);
        }

        public ColumnBuffer buffer() {
            return buffer;
        }

        /** Starts the next block's column. */
        public void clear() {
            buffer.clear();
            buffer.add((byte) values.size());
            values.forEach(buffer::addText);
        }
    }
}
