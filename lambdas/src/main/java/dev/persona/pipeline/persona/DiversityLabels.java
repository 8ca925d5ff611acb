package dev.persona.pipeline.persona;

/**
 * Diversity from the Shannon entropy of the interest shares, normalized by the entropy of all 28
 * categories equally shared: below 0.45 {@code focused}, from 0.70 {@code eclectic}, else {@code balanced}.
 */
final class DiversityLabels {

    static final String FOCUSED = "focused";
    static final String BALANCED = "balanced";
    static final String ECLECTIC = "eclectic";

    private DiversityLabels() {
    }

    static PersonaDocument.Diversity of(long[] countsPerCategory, int categoryCount) {
        long total = 0;
        int seen = 0;
        for (long count : countsPerCategory) {
            total += count;
            if (count > 0) {
                seen++;
            }
        }
        double entropy = 0;
        if (total > 0) {
            for (long count : countsPerCategory) {
                if (count > 0) {
                    double p = (double) count / total;
                    entropy -= p * Math.log(p) / Math.log(2);
                }
            }
        }
        double normalized = entropy / (Math.log(categoryCount) / Math.log(2));
        String label = normalized < 0.45 ? FOCUSED : normalized >= 0.70 ? ECLECTIC : BALANCED;
        return new PersonaDocument.Diversity(Rounding.round(entropy, 3), Rounding.round(normalized, 3), label, seen);
    }
}
