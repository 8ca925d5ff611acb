package dev.persona.pipeline.preprocess;

import java.time.Month;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.persona.pipeline.errors.UnsupportedLanguage;

/**
 * Takeout writes its HTML in the account's language: labels ({@code Products:}), verbs and dates. Only English is
 * read; anything else is refused with the language named, never guessed at. The language comes from the caption's
 * first label ({@code Produkte:} is German) or else from the month names in the date, looked up in the JDK's
 * (CLDR) month names of the languages Google accounts are most used in; a name several of them share (such as
 * {@code mar}) names none.
 */
final class TakeoutLanguage {

    /** The labels an English caption starts with. */
    private static final Set<String> ENGLISH_LABELS = Set.of("Products:", "Details:", "Locations:",
            "Why is this here?");
    /** "Products:" in the languages Takeout is most used in besides English. */
    private static final Map<String, String> PRODUCTS_LABELS = Map.of("Produkte:", "German", "Produits :", "French",
            "Produits:", "French", "Productos:", "Spanish", "Prodotti:", "Italian", "Produtos:", "Portuguese",
            "Producten:", "Dutch");

    /** The languages a date is matched against, besides English: Google's most used account languages. */
    private static final List<String> CANDIDATES = List.of("de", "fr", "es", "it", "pt", "nl", "pl", "tr", "ru", "uk",
            "cs", "sk", "hu", "ro", "el", "sv", "da", "nb", "fi", "ja", "ko", "zh", "id", "vi", "th", "ar", "he", "hi");

    private TakeoutLanguage() {
    }

    /**
     * Fails unless the first activity of an HTML export is English.
     *
     * @param label the caption's first label, or null
     * @param date  the activity's date line, or null
     */
    static void requireEnglish(String label, String date) {
        if (label != null && ENGLISH_LABELS.contains(label)) {
            return;
        }
        if (label == null && (date == null || TakeoutHtmlTime.hasEnglishMonth(date))) {
            return;
        }
        String language = label == null ? null : PRODUCTS_LABELS.get(label);
        if (language == null && date != null) {
            language = byMonthName(date);
        }
        if (label == null && language == null) {
            return;
        }
        StringBuilder message = new StringBuilder("This Takeout file is in ")
                .append(language == null ? "a language other than English" : language).append(" (");
        if (label != null) {
            message.append("its labels read \"").append(shown(label)).append('"');
        }
        if (date != null) {
            message.append(label != null ? " and its" : "its").append(" dates \"").append(shown(date)).append('"');
        }
        message.append("). Only English HTML exports can be read. Export again with My Activity set to JSON (in "
                + "Takeout's options for My Activity), which reads in any language, or with your Google Account's "
                + "language set to English.");
        throw new UnsupportedLanguage(message.toString());
    }

    /** The languages (other than English) whose month names appear in the text, or null for none. */
    static String byMonthName(String text) {
        Set<String> languages = new TreeSet<>();
        for (String word : text.split("[^\\p{L}]+")) {
            if (word.length() >= 3) {
                Set<String> named = MonthNames.LANGUAGES.get(word.toLowerCase(Locale.ROOT));
                if (named != null) {
                    languages.addAll(named);
                }
            }
        }
        languages.remove("English");
        if (languages.isEmpty()) {
            return null;
        }
        if (languages.size() > 3) {
            return "a language other than English";
        }
        return String.join(" or ", languages);
    }

    private static String shown(String text) {
        return text.length() <= 60 ? text : text.substring(0, 59) + "…";
    }

    /** Every locale's month names (full and abbreviated, without periods), to the languages that use them. */
    private static final class MonthNames {
        static final Map<String, Set<String>> LANGUAGES = build();

        private static Map<String, Set<String>> build() {
            Map<String, Set<String>> languages = new HashMap<>();
            TextStyle[] styles = {TextStyle.FULL, TextStyle.SHORT, TextStyle.FULL_STANDALONE,
                TextStyle.SHORT_STANDALONE};
            for (String tag : CANDIDATES) {
                Locale locale = Locale.forLanguageTag(tag);
                String language = locale.getDisplayLanguage(Locale.ENGLISH);
                for (Month month : Month.values()) {
                    for (TextStyle style : styles) {
                        String name = month.getDisplayName(style, locale).toLowerCase(Locale.ROOT).replace(".", "");
                        if (name.length() >= 3 && !name.chars().allMatch(Character::isDigit)) {
                            languages.computeIfAbsent(name, n -> new TreeSet<>()).add(language);
                        }
                    }
                }
            }
            return languages;
        }
    }
}
