package dev.persona.pipeline.categorize;

import java.util.Locale;

import dev.persona.domain.Category;

/**
 * Gives an activity one category from three signals:
 * <ol>
 *   <li>a category label from the user's own file, when it names (or is an alias of) a category: decisive,
 *       confidence 1;</li>
 *   <li>the site: the longest listed suffix of the host (or its most specific listed section, such as
 *       {@code bbc.co.uk/sport}) adds {@code confidence × }{@value #SITE_WEIGHT} to its category (portals such as
 *       search engines add nothing);</li>
 *   <li>keywords: every word and two-word phrase of the text and context adds its lexicon weights; words of
 *       the URL path add half.</li>
 * </ol>
 * The highest score wins if it reaches {@value #MIN_SCORE}; otherwise the activity is Uncategorized.
 * Confidence = (winner's share of all scores) × (1 − e^(−score/2.5)), so it grows with both agreement and
 * the amount of evidence. The signal is {@code domain} when the site gave at least half the winning score.
 * Not thread-safe: one instance per thread (it reuses a score array).
 */
public final class Classifier {

    static final double SITE_WEIGHT = 4.0;
    static final double MIN_SCORE = 1.0;
    static final double PATH_FACTOR = 0.5;

    private static final Category[] CATEGORIES = Category.values();

    private final Taxonomy taxonomy;
    private final double[] scores = new double[CATEGORIES.length];

    public Classifier(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    public Classification classify(String url, String text, String context, String userCategory) {
        if (userCategory != null) {
            Category named = taxonomy.alias(userCategory.strip().toLowerCase(Locale.ROOT));
            if (named != null) {
                return new Classification(named, 1.0, Classification.USER_CATEGORY);
            }
        }
        java.util.Arrays.fill(scores, 0);
        double siteScore = 0;
        Category siteCategory = null;
        String host = host(url);
        if (host != null) {
            Taxonomy.SiteSignal site = taxonomy.site(host, path(url));
            if (site != null && site.category() != null) {
                siteCategory = site.category();
                siteScore = site.confidence() * SITE_WEIGHT;
                scores[siteCategory.ordinal()] += siteScore;
            }
        }
        addTerms(text, 1.0);
        addTerms(context, 1.0);
        if (url != null && host != null) {
            addTerms(path(url), PATH_FACTOR);
        }
        int best = -1;
        double total = 0;
        for (int i = 0; i < scores.length; i++) {
            total += scores[i];
            if (best < 0 || scores[i] > scores[best]) {
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

    /** Adds the weights of every word and adjacent word pair of {@code text}. */
    private void addTerms(String text, double factor) {
        if (text == null) {
            return;
        }
        int n = text.length();
        String previous = null;
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                break;
            }
            String word = text.substring(start, i).toLowerCase(Locale.ROOT);
            add(taxonomy.term(word), factor);
            if (previous != null) {
                add(taxonomy.term(previous + ' ' + word), factor);
            }
            previous = word;
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

    /** The host of a canonical {@code scheme://host[:port]/path} address. */
    static String host(String url) {
        if (url == null) {
            return null;
        }
        int start = url.indexOf("://");
        if (start < 0) {
            return null;
        }
        start += 3;
        int end = start;
        while (end < url.length() && url.charAt(end) != '/' && url.charAt(end) != ':') {
            end++;
        }
        return end > start ? url.substring(start, end) : null;
    }

    private static String path(String url) {
        int start = url.indexOf('/', url.indexOf("://") + 3);
        return start < 0 ? null : url.substring(start);
    }
}
