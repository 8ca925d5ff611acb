package dev.persona.pipeline.blocks;

import dev.persona.domain.Activity;

/**
 * One activity as a row: the values of {@link Column#ACTIVITY} in that order, each in its column's encoding, in a
 * reusable buffer. Identical activities give identical bytes, which de-duplication fingerprints; {@link BlockWriter}
 * splits a row into its columns.
 */
public final class ActivityRow {

    /** The {@link Column#FLAGS} bit of an activity whose source gave a date only. */
    static final int DATE_ONLY = 1;

    private final ColumnBuffer row = new ColumnBuffer(512);

    /** Encodes the activity, replacing the previous row. */
    public ActivityRow encode(Activity activity) {
        row.clear();
        row.addLong(activity.time());
        row.add((byte) (activity.dateOnly() ? DATE_ONLY : 0));
        row.addText(activity.source());
        row.addText(activity.kind());
        row.addText(activity.text());
        row.addText(activity.context());
        row.addText(activity.url());
        row.addText(activity.domain());
        row.addNumber(activity.value());
        row.addNumber(activity.durationSeconds());
        row.addText(activity.userCategory());
        row.addText(activity.medium());
        row.addText(activity.season());
        row.addText(activity.profile());
        return this;
    }

    /** The time of the row at {@code offset}: its first value. */
    public static long time(byte[] row, int offset) {
        return Bytes.getLong(row, offset);
    }

    /** Whether the row at {@code offset} is of a source that gave a date only: its second value. */
    public static boolean dateOnly(byte[] row, int offset) {
        return (row[offset + 8] & DATE_ONLY) != 0;
    }

    public byte[] bytes() {
        return row.bytes();
    }

    public int length() {
        return row.length();
    }
}
