package dev.persona.pipeline.blocks;

import dev.persona.domain.Activity;

/**
 * One activity as a row: the values of {@link Column#ACTIVITY} in that order, each in its column's encoding, in a
 * reusable buffer. Identical activities give identical bytes, which de-duplication fingerprints; {@link BlockWriter}
 * splits a row into its columns at the value boundaries kept while encoding.
 */
public final class ActivityRow {

    /** The {@link Column#FLAGS} bit of an activity whose source gave a date only. */
    static final int DATE_ONLY = 1;

    private final ColumnBuffer row = new ColumnBuffer(512);
    /** Where each value ends in the row, in {@link Column#ACTIVITY}'s order. */
    private final int[] ends = new int[Column.ACTIVITY.size()];

    /** Encodes the activity, replacing the previous row. */
    public ActivityRow encode(Activity activity) {
        row.clear();
        row.addLong(activity.time());
        ends[0] = row.length();
        row.add((byte) (activity.dateOnly() ? DATE_ONLY : 0));
        ends[1] = row.length();
        text(2, activity.source());
        text(3, activity.kind());
        text(4, activity.text());
        text(5, activity.context());
        text(6, activity.url());
        text(7, activity.domain());
        row.addNumber(activity.value());
        ends[8] = row.length();
        row.addNumber(activity.durationSeconds());
        ends[9] = row.length();
        text(10, activity.userCategory());
        text(11, activity.medium());
        text(12, activity.season());
        text(13, activity.profile());
        return this;
    }

    private void text(int column, String value) {
        row.addText(value);
        ends[column] = row.length();
    }

    /** Where the value of the {@code column}th of {@link Column#ACTIVITY} ends. */
    int end(int column) {
        return ends[column];
    }

    public byte[] bytes() {
        return row.bytes();
    }

    public int length() {
        return row.length();
    }
}
