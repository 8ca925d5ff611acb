package dev.persona.pipeline.persona;

import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/** Splits activity text into words worth counting: lower case, letters, no stop words or placeholders. */
final class Terms {

    private static final Set<String> STOP_WORDS = Set.copyOf(java.util.List.of(
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "for", "from", "has", "have", "how",
            "i", "in", "is", "it", "its", "me", "my", "near", "no", "not", "of", "on", "or", "our", "so", "that",
            "the", "their", "this", "to", "up", "vs", "was", "we", "what", "when", "where", "which", "who", "why",
            "will", "with", "you", "your", "best", "new", "official", "video", "watch", "www", "com", "http",
            "https", "html", "email", "phone", "de", "la", "le", "el", "en", "et", "y", "und", "der", "die", "das",
            "los", "las", "les", "des", "du", "un", "una", "une", "para", "pour", "con", "da", "em"));

    private Terms() {
    }

    static void forEach(String text, Consumer<String> consumer) {
        if (text == null) {
            return;
        }
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && (Character.isLetterOrDigit(text.charAt(i)))) {
                i++;
            }
            if (i - start >= 3) {
                String word = text.substring(start, i).toLowerCase(Locale.ROOT);
                if (!STOP_WORDS.contains(word)) {
                    consumer.accept(word);
                }
            }
        }
    }
}
