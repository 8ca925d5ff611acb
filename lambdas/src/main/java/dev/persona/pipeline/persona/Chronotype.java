package dev.persona.pipeline.persona;

/**
 * Chronotype rules over the shares of timed activity by local period: morning 05:00–09:59, daytime
 * 10:00–17:59, evening 18:00–21:59, night 22:00–04:59. In order: {@code night owl} if night ≥ 25 % and
 * above morning; {@code early bird} if morning ≥ 20 % and above night; {@code evening person} if evening
 * ≥ 35 %; otherwise {@code daytime}; {@code unknown} without timed activity.
 */
final class Chronotype {

    static final String NIGHT_OWL = "night owl";
    static final String EARLY_BIRD = "early bird";
    static final String EVENING_PERSON = "evening person";
    static final String DAYTIME = "daytime";
    static final String UNKNOWN = "unknown";

    private Chronotype() {
    }

    static PersonaDocument.PeriodShares periodShares(long[] hourOfDay) {
        long total = 0;
        long morning = 0;
        long daytime = 0;
        long evening = 0;
        for (int hour = 0; hour < 24; hour++) {
            long count = hourOfDay[hour];
            total += count;
            if (hour >= 5 && hour <= 9) {
                morning += count;
            } else if (hour >= 10 && hour <= 17) {
                daytime += count;
            } else if (hour >= 18 && hour <= 21) {
                evening += count;
            }
        }
        if (total == 0) {
            return new PersonaDocument.PeriodShares(0, 0, 0, 0);
        }
        long night = total - morning - daytime - evening;
        return new PersonaDocument.PeriodShares(Rounding.share(morning, total), Rounding.share(daytime, total),
                Rounding.share(evening, total), Rounding.share(night, total));
    }

    static String classify(PersonaDocument.PeriodShares shares, long timedActivities) {
        if (timedActivities == 0) {
            return UNKNOWN;
        }
        if (shares.night() >= 0.25 && shares.night() > shares.morning()) {
            return NIGHT_OWL;
        }
        if (shares.morning() >= 0.20 && shares.morning() > shares.night()) {
            return EARLY_BIRD;
        }
        if (shares.evening() >= 0.35) {
            return EVENING_PERSON;
        }
        return DAYTIME;
    }
}
