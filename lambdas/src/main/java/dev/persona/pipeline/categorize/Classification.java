package dev.persona.pipeline.categorize;

import dev.persona.domain.Category;
import dev.persona.pipeline.blocks.ActivityBlocks;

/**
 * The category given to one activity.
 *
 * @param category   the category
 * @param confidence 0..1, two decimals
 * @param signal     what decided: {@link #USER_CATEGORY}, {@link #MEDIUM}, {@link #DOMAIN}, {@link #KEYWORDS} or
 *                   {@link #NONE}
 */
public record Classification(Category category, double confidence, String signal) {

    public static final String USER_CATEGORY = "user-category";
    /** What was played: a song is music, a Netflix episode television, whatever its title says. */
    public static final String MEDIUM = "medium";
    public static final String DOMAIN = "domain";
    public static final String KEYWORDS = "keywords";
    public static final String NONE = "none";

    static final Classification UNCATEGORIZED = new Classification(Category.UNCATEGORIZED, 0, NONE);

    public Classification {
        if (!ActivityBlocks.SIGNALS.contains(signal)) {
            throw new IllegalArgumentException("unknown signal " + signal);
        }
    }

    /** The signal's code in the intermediate format's {@code SIGNAL} column. */
    int signalCode() {
        return ActivityBlocks.SIGNALS.indexOf(signal);
    }
}
