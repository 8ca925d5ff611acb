package dev.persona.pipeline.persona;

import java.util.List;
import java.util.Locale;

/** The persona's short human-readable summary, built from its facts only. */
final class PersonaSummaryText {

    private PersonaSummaryText() {
    }

    static String of(List<PersonaDocument.Interest> interests, PersonaDocument.Rhythms rhythms,
                     PersonaDocument.Engagement engagement, PersonaDocument.Archetype archetype,
                     PersonaDocument.Listening listening, PersonaDocument.Watching watching) {
        StringBuilder text = new StringBuilder();
        text.append(article(archetype.label())).append(' ').append(archetype.label()).append(". ");
        if (interests.isEmpty()) {
            text.append("No interest stood out in these activities.");
        } else {
            text.append("Mostly into ");
            int shown = Math.min(3, interests.size());
            for (int i = 0; i < shown; i++) {
                if (i > 0) {
                    text.append(i == shown - 1 ? " and " : ", ");
                }
                PersonaDocument.Interest interest = interests.get(i);
                text.append(interest.category()).append(" (").append(Math.round(interest.share() * 100)).append("%)");
            }
            text.append('.');
        }
        if (rhythms.peakHour() != null) {
            text.append(String.format(Locale.ROOT, " Most active around %02d:00 and on %ss",
                    rhythms.peakHour(), rhythms.peakDay()));
            if (!rhythms.chronotype().equals(Chronotype.DAYTIME)) {
                text.append(" (").append(rhythms.chronotype()).append(')');
            }
            text.append('.');
        }
        text.append(String.format(Locale.ROOT, " Active on %,d of %,d days, with a longest streak of %,d day%s.",
                engagement.activeDays(), engagement.spanDays(), engagement.longestStreakDays(),
                engagement.longestStreakDays() == 1 ? "" : "s"));
        List<String> rising = interests.stream().filter(i -> i.trend().equals("rising"))
                .map(PersonaDocument.Interest::category).limit(3).toList();
        if (!rising.isEmpty()) {
            text.append(" Growing interest in ").append(String.join(", ", rising)).append('.');
        }
        if (listening != null && listening.minutes() > 0) {
            text.append(" Listened for ").append(duration(listening.minutes()));
            text.append(String.format(Locale.ROOT, ", %d%% of it music", Math.round(listening.music().share() * 100)));
            if (!listening.topArtists().isEmpty()) {
                text.append(", most of all ").append(listening.topArtists().get(0).name());
            }
            text.append('.');
        }
        if (watching != null && watching.minutes() > 0) {
            text.append(" Watched ").append(duration(watching.minutes())).append(" of series and films");
            if (!watching.topShows().isEmpty()) {
                text.append(", most of all ").append(watching.topShows().get(0).name());
            }
            if (watching.bingeSessions() > 0) {
                text.append(String.format(Locale.ROOT, ", in %,d binge session%s", watching.bingeSessions(),
                        watching.bingeSessions() == 1 ? "" : "s"));
            }
            text.append('.');
        }
        return text.toString();
    }

    /** Minutes as "95 minutes" or "52 hours". */
    private static String duration(long minutes) {
        if (minutes < 120) {
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        return String.format(Locale.ROOT, "%,d hours", Math.round(minutes / 60.0));
    }

    private static String article(String label) {
        return "AEIOU".indexOf(Character.toUpperCase(label.charAt(0))) >= 0 ? "An" : "A";
    }
}
