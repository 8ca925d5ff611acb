package dev.persona.domain;

/**
 * An activity with the interest category categorize gave it.
 *
 * @param activity   the record
 * @param category   a {@link Category} display name; null before categorization
 * @param confidence 0..1
 * @param signal     what decided: {@code user-category}, {@code domain}, {@code keywords} or {@code none}
 */
public record CategorizedActivity(Activity activity, String category, double confidence, String signal) {
}
