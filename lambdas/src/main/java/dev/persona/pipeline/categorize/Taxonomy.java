package dev.persona.pipeline.categorize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

import dev.persona.domain.Category;

/**
 * The classification knowledge, loaded once from the versioned resource files under {@code taxonomy/}
 * (format in {@code docs/taxonomy.md}): sites and site sections with the category a visit signals,
 * weighted keywords, and aliases for category labels found in users' own files. A malformed file fails at
 * load with its line. Lookups take character ranges, so classifying allocates nothing.
 */
public final class Taxonomy {

    static final String DOMAINS = "taxonomy/domains.tsv";
    static final String LEXICON = "taxonomy/lexicon.tsv";
    static final String ALIASES = "taxonomy/category-aliases.tsv";
    static final String FORMAT_VERSION = "# format-version: 1";

    /**
     * What a visit signals.
     *
     * @param category   the category; null for portals that defer to keywords
     * @param confidence 0.5–1.0 (0 for portals)
     */
    record SiteSignal(Category category, double confidence) {
    }

    /** A site section: addresses on a host whose path starts with {@code pathPrefix}. */
    record Section(String pathPrefix, SiteSignal signal) {
    }

    /** A host suffix's own signal (may be null) and its sections, longest prefix first. */
    record Site(SiteSignal signal, Section[] sections) {

        Site withSignal(SiteSignal newSignal) {
            return new Site(newSignal, sections);
        }

        Site withSection(Section section) {
            Section[] all = Arrays.copyOf(sections, sections.length + 1);
            all[sections.length] = section;
            Arrays.sort(all, Comparator.comparingInt((Section s) -> s.pathPrefix().length()).reversed());
            return new Site(signal, all);
        }
    }

    /** The categories a term signals and how strongly, in parallel arrays. */
    record TermWeights(Category[] categories, float[] weights) {

        TermWeights plus(Category category, float weight) {
            int n = categories.length;
            Category[] c = Arrays.copyOf(categories, n + 1);
            float[] w = Arrays.copyOf(weights, n + 1);
            c[n] = category;
            w[n] = weight;
            return new TermWeights(c, w);
        }
    }

    private static final Site[] NO_SITES = new Site[0];

    private final CharTable<Site> sites;
    private final CharTable<TermWeights> terms;
    private final Map<String, Category> aliases;
    private final int siteCount;

    private Taxonomy(CharTable<Site> sites, int siteCount, CharTable<TermWeights> terms, Map<String, Category> aliases) {
        this.sites = sites;
        this.siteCount = siteCount;
        this.terms = terms;
        this.aliases = Map.copyOf(aliases);
    }

    /** Loads the files shipped on the classpath. */
    public static Taxonomy load() {
        Map<String, Site> sites = new HashMap<>();
        int[] rows = {0};
        read(DOMAINS, 3, (cells, where) -> {
            Category category = cells[1].equals("-") ? null : category(cells[1], where);
            SiteSignal signal = new SiteSignal(category, number(cells[2], where));
            int slash = cells[0].indexOf('/');
            String host = slash > 0 ? cells[0].substring(0, slash) : cells[0];
            Site site = sites.getOrDefault(host, new Site(null, new Section[0]));
            if (slash > 0) {
                site = site.withSection(new Section(cells[0].substring(slash), signal));
            } else if (site.signal() != null) {
                throw new IllegalStateException(where + ": duplicate domain " + cells[0]);
            } else {
                site = site.withSignal(signal);
            }
            sites.put(host, site);
            rows[0]++;
        });
        CharTable<Site> siteTable = new CharTable<>(sites.size());
        sites.forEach(siteTable::put);
        Map<String, TermWeights> termWeights = new HashMap<>();
        read(LEXICON, 3, (cells, where) -> termWeights.merge(cells[0],
                new TermWeights(new Category[] {category(cells[1], where)},
                        new float[] {(float) number(cells[2], where)}),
                (existing, added) -> existing.plus(added.categories()[0], added.weights()[0])));
        CharTable<TermWeights> termTable = new CharTable<>(termWeights.size());
        termWeights.forEach(termTable::put);
        Map<String, Category> aliases = new HashMap<>();
        read(ALIASES, 2, (cells, where) -> aliases.put(cells[0], category(cells[1], where)));
        return new Taxonomy(siteTable, rows[0], termTable, aliases);
    }

    /** The signal for a host (no path). */
    SiteSignal site(String host) {
        return site(host, null);
    }

    /** The signal for a host and path. */
    SiteSignal site(String host, String path) {
        char[] chars = host.toCharArray();
        char[] pathChars = path == null ? null : path.toCharArray();
        return site(chars, 0, chars.length, pathChars, 0, pathChars == null ? 0 : pathChars.length);
    }

    /**
     * The entry for an address: for the longest listed suffix of the host made of whole labels, its longest
     * section whose prefix starts the path (on a segment boundary), else the host's own signal; or null.
     */
    SiteSignal site(char[] host, int hostStart, int hostEnd, char[] path, int pathStart, int pathEnd) {
        return signal(sitesOf(host, hostStart, hostEnd), path, pathStart, pathEnd);
    }

    /**
     * The listed suffixes of a host that can decide its signal, longest first: every listed suffix up to the first
     * with a signal of its own (the shorter ones are never reached). Depends on the host alone, so a classifier
     * may keep it for hosts it sees again.
     */
    Site[] sitesOf(char[] host, int hostStart, int hostEnd) {
        Site[] found = NO_SITES;
        int start = hostStart;
        while (true) {
            Site site = sites.get(host, start, hostEnd);
            if (site != null) {
                found = Arrays.copyOf(found, found.length + 1);
                found[found.length - 1] = site;
                if (site.signal() != null) {
                    return found;
                }
            }
            int dot = indexOf(host, '.', start, hostEnd);
            if (dot < 0) {
                return found;
            }
            start = dot + 1;
        }
    }

    /** What the sites of {@link #sitesOf} signal for an address with this path (null for none). */
    static SiteSignal signal(Site[] sites, char[] path, int pathStart, int pathEnd) {
        for (Site site : sites) {
            if (path != null) {
                for (Section section : site.sections()) {
                    if (startsSection(path, pathStart, pathEnd, section.pathPrefix())) {
                        return section.signal();
                    }
                }
            }
            if (site.signal() != null) {
                return site.signal();
            }
        }
        return null;
    }

    /** The weights of {@code text[start, end)}, whose {@link CharTable#hash} is {@code hash}. */
    TermWeights term(char[] text, int start, int end, int hash) {
        return terms.get(text, start, end, hash);
    }

    TermWeights term(String term) {
        char[] chars = term.toCharArray();
        return terms.get(chars, 0, chars.length);
    }

    /** The weights of two words joined by a space, whose hash is {@code hash} ({@link CharTable#pairHash}). */
    TermWeights pair(char[] text, int start1, int end1, int start2, int end2, int hash) {
        return terms.getPair(text, start1, end1, start2, end2, hash);
    }

    Category alias(String label) {
        return aliases.get(label);
    }

    int siteCount() {
        return siteCount;
    }

    int termCount() {
        return terms.size();
    }

    private static boolean startsSection(char[] path, int start, int end, String prefix) {
        int n = prefix.length();
        if (end - start < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (path[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return end - start == n || path[start + n] == '/' || prefix.endsWith("/");
    }

    private static int indexOf(char[] chars, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (chars[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private interface RowHandler {
        void handle(String[] cells, String where);
    }

    private static void read(String resource, int columns, RowHandler handler) {
        try (InputStream in = Taxonomy.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing taxonomy resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean versioned = false;
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.startsWith("#")) {
                    versioned |= line.strip().equals(FORMAT_VERSION);
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                String where = resource + ":" + lineNumber;
                String[] cells = line.split("\t", -1);
                if (cells.length != columns) {
                    throw new IllegalStateException(where + ": expected " + columns + " columns, found " + cells.length);
                }
                handler.handle(cells, where);
            }
            if (!versioned) {
                throw new IllegalStateException(resource + " lacks '" + FORMAT_VERSION + "'");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Category category(String name, String where) {
        Category category = Category.byName(name);
        if (category == null || category == Category.UNCATEGORIZED) {
            throw new IllegalStateException(where + ": unknown category '" + name + "'");
        }
        return category;
    }

    private static double number(String text, String where) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(where + ": not a number: " + text, e);
        }
    }
}
