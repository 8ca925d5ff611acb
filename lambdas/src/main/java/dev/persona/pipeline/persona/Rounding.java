package dev.persona.pipeline.persona;

/** Rounding for the numbers a persona shows. */
final class Rounding {

    private Rounding() {
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** {@code part / total} with four decimals; 0 when total is 0. */
    static double share(long part, long total) {
        return total == 0 ? 0 : round((double) part / total, 4);
    }
}
