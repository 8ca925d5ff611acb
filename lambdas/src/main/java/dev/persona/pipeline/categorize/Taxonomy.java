package dev.persona.pipeline.categorize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.persona.domain.Category;

/**
 * The classification knowledge, loaded once from the versioned resource files under {@code taxonomy/}
 * (format in {@code docs/taxonomy.md}): sites and the category a visit signals, weighted keywords, and
 * aliases for category labels found in users' own files. A malformed file fails at load with its line.
 */
public final class Taxonomy {

    static final String DOMAINS = "taxonomy/domains.tsv";
    static final String LEXICON = "taxonomy/lexicon.tsv";
    static final String ALIASES = "taxonomy/category-aliases.tsv";
    static final String FORMAT_VERSION = "# format-version: 1";

    /**
     * A site's entry.
     *
     * @param category   what a visit signals; null for portals that defer to keywords
     * @param confidence 0.5–1.0 (0 for portals)
     */
    record SiteSignal(Category category, double confidence) {
    }

    /** The categories a term signals and how strongly, in parallel arrays. */
    record TermWeights(Category[] categories, float[] weights) {

        TermWeights plus(Category category, float weight) {
            int n = categories.length;
            Category[] c = java.util.Arrays.copyOf(categories, n + 1);
            float[] w = java.util.Arrays.copyOf(weights, n + 1);
            c[n] = category;
            w[n] = weight;
            return new TermWeights(c, w);
        }
    }

    /** A site section: addresses on a host whose path starts with {@code pathPrefix}. */
    record Section(String pathPrefix, SiteSignal signal) {
    }

    private final Map<String, SiteSignal> sites;
    private final Map<String, List<Section>> sections;
    private final Map<String, TermWeights> terms;
    private final Map<String, Category> aliases;

    Taxonomy(Map<String, SiteSignal> sites, Map<String, List<Section>> sections, Map<String, TermWeights> terms,
             Map<String, Category> aliases) {
        this.sites = Map.copyOf(sites);
        this.sections = Map.copyOf(sections);
        this.terms = Map.copyOf(terms);
        this.aliases = Map.copyOf(aliases);
    }

    /** Loads the files shipped on the classpath. */
    public static Taxonomy load() {
        Map<String, SiteSignal> sites = new HashMap<>();
        Map<String, List<Section>> sections = new HashMap<>();
        read(DOMAINS, 3, (cells, where) -> {
            Category category = cells[1].equals("-") ? null : category(cells[1], where);
            SiteSignal signal = new SiteSignal(category, number(cells[2], where));
            int slash = cells[0].indexOf('/');
            if (slash > 0) {
                List<Section> hostSections = sections.computeIfAbsent(cells[0].substring(0, slash),
                        host -> new ArrayList<>());
                hostSections.add(new Section(cells[0].substring(slash), signal));
                // Longest prefix first, so the most specific section wins.
                hostSections.sort(Comparator.comparingInt((Section section) -> section.pathPrefix().length()).reversed());
            } else if (sites.put(cells[0], signal) != null) {
                throw new IllegalStateException(where + ": duplicate domain " + cells[0]);
            }
        });
        Map<String, TermWeights> terms = new HashMap<>();
        read(LEXICON, 3, (cells, where) -> terms.merge(cells[0],
                new TermWeights(new Category[] {category(cells[1], where)},
                        new float[] {(float) number(cells[2], where)}),
                (existing, added) -> existing.plus(added.categories()[0], added.weights()[0])));
        Map<String, Category> aliases = new HashMap<>();
        read(ALIASES, 2, (cells, where) -> aliases.put(cells[0], category(cells[1], where)));
        return new Taxonomy(sites, sections, terms, aliases);
    }

    /** The entry of the longest listed suffix of {@code host} made of whole labels, or null. */
    SiteSignal site(String host) {
        return site(host, null);
    }

    /**
     * The entry for an address: for the longest listed suffix of the host made of whole labels, its longest
     * section whose prefix starts {@code path} (on a segment boundary), else the host's own entry; or null.
     */
    SiteSignal site(String host, String path) {
        String candidate = host;
        while (true) {
            List<Section> hostSections = path == null ? null : sections.get(candidate);
            if (hostSections != null) {
                for (Section section : hostSections) {
                    String prefix = section.pathPrefix();
                    if (path.startsWith(prefix) && (path.length() == prefix.length()
                            || path.charAt(prefix.length()) == '/' || prefix.endsWith("/"))) {
                        return section.signal();
                    }
                }
            }
            SiteSignal signal = sites.get(candidate);
            if (signal != null) {
                return signal;
            }
            int dot = candidate.indexOf('.');
            if (dot < 0) {
                return null;
            }
            candidate = candidate.substring(dot + 1);
        }
    }

    TermWeights term(String term) {
        return terms.get(term);
    }

    Category alias(String label) {
        return aliases.get(label);
    }

    int siteCount() {
        return sites.size() + sections.values().stream().mapToInt(List::size).sum();
    }

    int termCount() {
        return terms.size();
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
