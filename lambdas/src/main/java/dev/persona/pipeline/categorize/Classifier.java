package dev.persona.pipeline.categorize;

import java.util.Arrays;
import java.util.Locale;

import dev.persona.domain.Activity;
import dev.persona.domain.Category;

/**
 * Gives an activity one category from four signals:
 * <ol>
 *   <li>a category label from the user's own file, when it names (or is an alias of) a category: decisive,
 *       confidence 1;</li>
 *   <li>the medium, where the export says what was played: music is Music and Audio, a series' episode Television,
 *       a film Movies, an audiobook Books and Literature (confidence 1); a podcast is classified by its show and
 *       episode like any text, and is Music and Audio (confidence 0.5) when they say nothing;</li>
 *   <li>the site: the longest listed suffix of the host (or its most specific listed section, such as
 *       {@code bbc.co.uk/sport}) adds {@code confidence × }{@value #SITE_WEIGHT} to its category (portals such as
 *       search engines add nothing);</li>
 *   <li>keywords: every word and two-word phrase of the text and context adds its lexicon weights; words of
 *       the URL path add half.</li>
 * </ol>
 * The highest score wins if it reaches {@value #MIN_SCORE}; otherwise the activity is Uncategorized.
 * Confidence = (winner's share of all scores) × (1 − e^(−score/2.5)), so it grows with both agreement and
 * the amount of evidence. The signal is {@code domain} when the site gave at least half the winning score.
 * Not thread-safe: one instance per thread (it reuses its buffers); allocates nothing per activity.
 */
public final class Classifier {

    static final double SITE_WEIGHT = 4.0;
    static final double MIN_SCORE = 1.0;
    static final double PATH_FACTOR = 0.5;

    private static final Category[] CATEGORIES = Category.values();

    private final Taxonomy taxonomy;
    private final double[] scores = new double[CATEGORIES.length];
    private char[] chars = new char[256];

    public Classifier(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    public Classification classify(String url, String text, String context, String userCategory) {
        return classify(url, text, context, userCategory, null);
    }

    /** @param medium the activity's medium ({@link Activity#MUSIC}, …), or null */
    public Classification classify(String url, String text, String context, String userCategory, String medium) {
        if (userCategory != null) {
            Category named = taxonomy.alias(userCategory.strip().toLowerCase(Locale.ROOT));
            if (named != null) {
                return new Classification(named, 1.0, Classification.USER_CATEGORY);
            }
        }
        Category byMedium = medium == null ? null : switch (medium) {
            case Activity.MUSIC -> Category.MUSIC_AND_AUDIO;
            case Activity.EPISODE -> Category.TELEVISION;
            case Activity.MOVIE -> Category.MOVIES;
            case Activity.AUDIOBOOK -> Category.BOOKS_AND_LITERATURE;
            default -> null;
        };
        if (byMedium != null) {
            return new Classification(byMedium, 1.0, Classification.MEDIUM);
        }
        Classification byContent = classifyContent(url, text, context);
        if (Activity.PODCAST.equals(medium) && byContent.category() == Category.UNCATEGORIZED) {
            return PODCAST;
        }
        return byContent;
    }

    private static final Classification PODCAST = new Classification(Category.MUSIC_AND_AUDIO, 0.5,
            Classification.MEDIUM);

    private Classification classifyContent(String url, String text, String context) {
        Arrays.fill(scores, 0);
        Category siteCategory = null;
        double siteScore = 0;
        if (url != null) {
            int length = load(url, false);
            int hostStart = indexOf("://", length) + 3;
            if (hostStart > 2) {
                int hostEnd = hostStart;
                while (hostEnd < length && chars[hostEnd] != '/' && chars[hostEnd] != ':') {
                    hostEnd++;
                }
                int pathStart = hostEnd;
                while (pathStart < length && chars[pathStart] != '/') {
                    pathStart++;
                }
                Taxonomy.SiteSignal site = taxonomy.site(chars, hostStart, hostEnd, chars, pathStart, length);
                if (site != null && site.category() != null) {
                    siteCategory = site.category();
                    siteScore = site.confidence() * SITE_WEIGHT;
                    scores[siteCategory.ordinal()] += siteScore;
                }
                lowerCase(pathStart, length);
                addTerms(pathStart, length, PATH_FACTOR);
            }
        }
        if (text != null) {
            addTerms(0, load(text, true), 1.0);
        }
        if (context != null) {
            addTerms(0, load(context, true), 1.0);
        }
        int best = 0;
        double total = 0;
        for (int i = 0; i < scores.length; i++) {
            total += scores[i];
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        double bestScore = scores[best];
        if (bestScore < MIN_SCORE) {
            return Classification.UNCATEGORIZED;
        }
        double confidence = (bestScore / total) * (1 - Math.exp(-bestScore / 2.5));
        String signal = CATEGORIES[best] == siteCategory && siteScore * 2 >= bestScore
                ? Classification.DOMAIN : Classification.KEYWORDS;
        return new Classification(CATEGORIES[best], Math.round(confidence * 100) / 100.0, signal);
    }

    /** Adds the weights of every word and adjacent word pair in {@code chars[from, to)}. */
    private void addTerms(int from, int to, double factor) {
        int previousStart = -1;
        int previousEnd = -1;
        int i = from;
        while (i < to) {
            while (i < to && !Character.isLetterOrDigit(chars[i])) {
                i++;
            }
            int start = i;
            while (i < to && Character.isLetterOrDigit(chars[i])) {
                i++;
            }
            if (i == start) {
                break;
            }
            add(taxonomy.term(chars, start, i), factor);
            if (previousStart >= 0) {
                add(taxonomy.pair(chars, previousStart, previousEnd, start, i), factor);
            }
            previousStart = start;
            previousEnd = i;
        }
    }

    private void add(Taxonomy.TermWeights weights, double factor) {
        if (weights == null) {
            return;
        }
        Category[] categories = weights.categories();
        float[] values = weights.weights();
        for (int i = 0; i < categories.length; i++) {
            scores[categories[i].ordinal()] += values[i] * factor;
        }
    }

    /** Copies {@code value} into the buffer, lower-cased if asked; returns its length. */
    private int load(String value, boolean lowerCase) {
        int n = value.length();
        if (n > chars.length) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        value.getChars(0, n, chars, 0);
        if (lowerCase) {
            lowerCase(0, n);
        }
        return n;
    }

    private void lowerCase(int from, int to) {
        for (int i = from; i < to; i++) {
            char c = chars[i];
            if (c >= 'A' && c <= 'Z') {
                chars[i] = (char) (c + 32);
            } else if (c >= 0x80) {
                chars[i] = Character.toLowerCase(c);
            }
        }
    }

    private int indexOf(String needle, int length) {
        outer:
        for (int i = 0; i + needle.length() <= length; i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (chars[i + j] != needle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
