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
 * Not thread-safe: one instance per thread (it reuses its buffers); allocates nothing per activity but a host
 * it has not seen recently.
 */
public final class Classifier {

    static final double SITE_WEIGHT = 4.0;
    static final double MIN_SCORE = 1.0;
    static final double PATH_FACTOR = 0.5;
    private static final int HOST_CACHE_SLOTS = 512;

    private static final Category[] CATEGORIES = Category.values();

    private final Taxonomy taxonomy;
    private final double[] scores = new double[CATEGORIES.length];
    private final Input url = new Input();
    private final Input text = new Input();
    private final Input context = new Input();
    private final char[][] cachedHosts = new char[HOST_CACHE_SLOTS][];
    private final Taxonomy.Site[][] cachedSites = new Taxonomy.Site[HOST_CACHE_SLOTS][];
    private char[] chars = new char[256];

    public Classifier(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    public Classification classify(String url, String text, String context, String userCategory) {
        return classify(url, text, context, userCategory, null);
    }

    /** @param medium the activity's medium ({@link Activity#MUSIC}, …), or null */
    public Classification classify(String url, String text, String context, String userCategory, String medium) {
        this.url.set(url);
        this.text.set(text);
        this.context.set(context);
        return classify(userCategory, medium);
    }

    /**
     * The same from the UTF-8 bytes the intermediate files hold, decoded only if the content is read: each text is
     * {@code bytes[start, start + length)}, or absent when its length is negative.
     */
    public Classification classify(byte[] urlBytes, int urlStart, int urlLength, byte[] textBytes, int textStart,
                                   int textLength, byte[] contextBytes, int contextStart, int contextLength,
                                   String userCategory, String medium) {
        url.set(urlBytes, urlStart, urlLength);
        text.set(textBytes, textStart, textLength);
        context.set(contextBytes, contextStart, contextLength);
        return classify(userCategory, medium);
    }

    private Classification classify(String userCategory, String medium) {
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
        Classification byContent = classifyContent();
        if (Activity.PODCAST.equals(medium) && byContent.category() == Category.UNCATEGORIZED) {
            return PODCAST;
        }
        return byContent;
    }

    private static final Classification PODCAST = new Classification(Category.MUSIC_AND_AUDIO, 0.5,
            Classification.MEDIUM);

    private Classification classifyContent() {
        Arrays.fill(scores, 0);
        Category siteCategory = null;
        double siteScore = 0;
        if (url.present()) {
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
                Taxonomy.SiteSignal site = Taxonomy.signal(sitesOf(hostStart, hostEnd), chars, pathStart, length);
                if (site != null && site.category() != null) {
                    siteCategory = site.category();
                    siteScore = site.confidence() * SITE_WEIGHT;
                    scores[siteCategory.ordinal()] += siteScore;
                }
                lowerCase(pathStart, length);
                addTerms(pathStart, length, PATH_FACTOR);
            }
        }
        if (text.present()) {
            addTerms(0, load(text, true), 1.0);
        }
        if (context.present()) {
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

    /**
     * Adds the weights of every word and adjacent word pair in {@code chars[from, to)}. Each word is hashed once,
     * as it is read; the pair it ends is hashed from the two words' hashes.
     */
    private void addTerms(int from, int to, double factor) {
        char[] text = chars;
        int previousStart = -1;
        int previousEnd = -1;
        int previousHash = 0;
        int i = from;
        while (i < to) {
            while (i < to && !isWordChar(text[i])) {
                i++;
            }
            int start = i;
            int hash = CharTable.EMPTY_HASH;
            int power = 1;
            while (i < to && isWordChar(text[i])) {
                hash = CharTable.hashStep(hash, text[i]);
                power *= 31;
                i++;
            }
            if (i == start) {
                break;
            }
            add(taxonomy.term(text, start, i, hash), factor);
            if (previousStart >= 0) {
                add(taxonomy.pair(text, previousStart, previousEnd, start, i,
                        CharTable.pairHash(previousHash, hash, power)), factor);
            }
            previousStart = start;
            previousEnd = i;
            previousHash = hash;
        }
    }

    /**
     * The listed sites of the host in {@code chars[start, end)}, from a direct-mapped table of the hosts seen last:
     * an upload visits few hosts many times, and each lookup of a new one hashes every suffix of it.
     */
    private Taxonomy.Site[] sitesOf(int start, int end) {
        int hash = CharTable.hash(chars, start, end);
        int slot = (hash ^ (hash >>> 16)) & (HOST_CACHE_SLOTS - 1);
        char[] host = cachedHosts[slot];
        if (host != null && Arrays.equals(host, 0, host.length, chars, start, end)) {
            return cachedSites[slot];
        }
        Taxonomy.Site[] sites = taxonomy.sitesOf(chars, start, end);
        cachedHosts[slot] = Arrays.copyOfRange(chars, start, end);
        cachedSites[slot] = sites;
        return sites;
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

    private static boolean isWordChar(char c) {
        return c < 0x80 ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')
                : Character.isLetterOrDigit(c);
    }

    /** Copies an input into the buffer, lower-cased if asked; returns its length. */
    private int load(Input input, boolean lowerCase) {
        if (input.string != null) {
            String value = input.string;
            int n = value.length();
            ensure(n);
            value.getChars(0, n, chars, 0);
            if (lowerCase) {
                lowerCase(0, n);
            }
            return n;
        }
        ensure(input.length);
        byte[] bytes = input.bytes;
        char[] out = chars;
        int n = 0;
        int end = input.start + input.length;
        for (int p = input.start; p < end; p++) {
            int b = bytes[p];
            if (b >= 0) {
                out[n++] = lowerCase && b >= 'A' && b <= 'Z' ? (char) (b + 32) : (char) b;
                continue;
            }
            // Multi-byte UTF-8 (the pipeline's own, so well formed): decode the code point.
            int count = (b & 0xE0) == 0xC0 ? 1 : (b & 0xF0) == 0xE0 ? 2 : 3;
            int cp = b & (0x3F >> count);
            for (int k = 0; k < count; k++) {
                cp = (cp << 6) | (bytes[++p] & 0x3F);
            }
            if (lowerCase) {
                cp = Character.toLowerCase(cp);
            }
            n += Character.toChars(cp, out, n);
        }
        return n;
    }

    private void ensure(int length) {
        if (length > chars.length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
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

    /** One of the texts being classified: a string, UTF-8 bytes, or absent. */
    private static final class Input {
        String string;
        byte[] bytes;
        int start;
        int length;

        void set(String value) {
            string = value;
            bytes = null;
            length = value == null ? -1 : value.length();
        }

        void set(byte[] value, int from, int count) {
            string = null;
            bytes = value;
            start = from;
            length = count;
        }

        boolean present() {
            return length >= 0;
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
