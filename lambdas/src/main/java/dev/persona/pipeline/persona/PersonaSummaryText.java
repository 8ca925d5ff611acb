package dev.persona.pipeline.persona;

import java.util.List;
import java.util.Locale;

/** The persona's short human-readable summary, built from its facts only. */
final class PersonaSummaryText {

    private PersonaSummaryText() {
    }

    static String of(List<PersonaDocument.Interest> interests, PersonaDocument.Rhythms rhythms,
                     PersonaDocument.Engagement engagement, PersonaDocument.Archetype archetype) {
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
        return text.toString();
    }

    private static String article(String label) {
        return "AEIOU".indexOf(Character.toUpperCase(label.charAt(0))) >= 0 ? "An" : "A";
    }
}
