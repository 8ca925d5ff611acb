package dev.persona.pipeline.persona;

import java.util.EnumMap;
import java.util.Map;

import dev.persona.domain.Category;

/**
 * Names the archetype. The noun comes from the top interest (one per category); at most one modifier
 * comes first from the rhythm ({@code Night-Owl}, {@code Early-Bird}), else from the diversity
 * ({@code Dedicated} when focused, {@code Eclectic} when eclectic). Without any categorized activity the
 * noun is {@code Enigma}. Documented in {@code docs/persona.md}.
 */
final class ArchetypeRules {

    static final String NO_INTEREST_NOUN = "Enigma";

    private static final Map<Category, String> NOUNS = new EnumMap<>(Category.class);

    static {
        NOUNS.put(Category.AUTOMOTIVE, "Gearhead");
        NOUNS.put(Category.BOOKS_AND_LITERATURE, "Bookworm");
        NOUNS.put(Category.BUSINESS_AND_FINANCE, "Strategist");
        NOUNS.put(Category.CAREERS, "Career Climber");
        NOUNS.put(Category.EDUCATION, "Lifelong Learner");
        NOUNS.put(Category.FAMILY_AND_RELATIONSHIPS, "Family Anchor");
        NOUNS.put(Category.FINE_ART, "Aesthete");
        NOUNS.put(Category.FOOD_AND_DRINK, "Foodie");
        NOUNS.put(Category.HEALTHY_LIVING, "Wellness Seeker");
        NOUNS.put(Category.HOBBIES_AND_INTERESTS, "Maker");
        NOUNS.put(Category.HOME_AND_GARDEN, "Nester");
        NOUNS.put(Category.MEDICAL_HEALTH, "Health Researcher");
        NOUNS.put(Category.MOVIES, "Cinephile");
        NOUNS.put(Category.MUSIC_AND_AUDIO, "Audiophile");
        NOUNS.put(Category.NEWS_AND_POLITICS, "News Junkie");
        NOUNS.put(Category.PERSONAL_FINANCE, "Money Manager");
        NOUNS.put(Category.PETS, "Pet Parent");
        NOUNS.put(Category.POP_CULTURE, "Trend Watcher");
        NOUNS.put(Category.REAL_ESTATE, "House Hunter");
        NOUNS.put(Category.RELIGION_AND_SPIRITUALITY, "Seeker");
        NOUNS.put(Category.SCIENCE, "Curious Mind");
        NOUNS.put(Category.SHOPPING, "Bargain Hunter");
        NOUNS.put(Category.SPORTS, "Sports Fan");
        NOUNS.put(Category.STYLE_AND_FASHION, "Trendsetter");
        NOUNS.put(Category.TECHNOLOGY_AND_COMPUTING, "Technologist");
        NOUNS.put(Category.TELEVISION, "Binge Watcher");
        NOUNS.put(Category.TRAVEL, "Explorer");
        NOUNS.put(Category.VIDEO_GAMING, "Gamer");
    }

    private ArchetypeRules() {
    }

    static PersonaDocument.Archetype archetype(Category topInterest, String chronotype, String diversity) {
        String noun = topInterest == null ? NO_INTEREST_NOUN : NOUNS.get(topInterest);
        String modifier = switch (chronotype) {
            case Chronotype.NIGHT_OWL -> "Night-Owl";
            case Chronotype.EARLY_BIRD -> "Early-Bird";
            default -> switch (diversity) {
                case DiversityLabels.FOCUSED -> topInterest == null ? null : "Dedicated";
                case DiversityLabels.ECLECTIC -> "Eclectic";
                default -> null;
            };
        };
        String label = modifier == null ? noun : modifier + " " + noun;
        return new PersonaDocument.Archetype(label, noun, modifier, new PersonaDocument.ArchetypeBasis(
                topInterest == null ? null : topInterest.displayName(), chronotype, diversity));
    }

    static String noun(Category category) {
        return NOUNS.get(category);
    }
}
