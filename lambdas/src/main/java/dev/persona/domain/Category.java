package dev.persona.domain;

import java.util.HashMap;
import java.util.Map;

/** The interest taxonomy: IAB Content Taxonomy tier-1 categories, plus {@link #UNCATEGORIZED}. */
public enum Category {
    AUTOMOTIVE("Automotive"),
    BOOKS_AND_LITERATURE("Books and Literature"),
    BUSINESS_AND_FINANCE("Business and Finance"),
    CAREERS("Careers"),
    EDUCATION("Education"),
    FAMILY_AND_RELATIONSHIPS("Family and Relationships"),
    FINE_ART("Fine Art"),
    FOOD_AND_DRINK("Food & Drink"),
    HEALTHY_LIVING("Healthy Living"),
    HOBBIES_AND_INTERESTS("Hobbies & Interests"),
    HOME_AND_GARDEN("Home & Garden"),
    MEDICAL_HEALTH("Medical Health"),
    MOVIES("Movies"),
    MUSIC_AND_AUDIO("Music and Audio"),
    NEWS_AND_POLITICS("News and Politics"),
    PERSONAL_FINANCE("Personal Finance"),
    PETS("Pets"),
    POP_CULTURE("Pop Culture"),
    REAL_ESTATE("Real Estate"),
    RELIGION_AND_SPIRITUALITY("Religion & Spirituality"),
    SCIENCE("Science"),
    SHOPPING("Shopping"),
    SPORTS("Sports"),
    STYLE_AND_FASHION("Style & Fashion"),
    TECHNOLOGY_AND_COMPUTING("Technology & Computing"),
    TELEVISION("Television"),
    TRAVEL("Travel"),
    VIDEO_GAMING("Video Gaming"),
    UNCATEGORIZED("Uncategorized");

    private static final Map<String, Category> BY_NAME = new HashMap<>();

    static {
        for (Category category : values()) {
            BY_NAME.put(category.displayName, category);
        }
    }

    private final String displayName;

    Category(String displayName) {
        this.displayName = displayName;
    }

    /** The name as written in data, documents and the taxonomy files. */
    public String displayName() {
        return displayName;
    }

    /** The category with this display name, or null. */
    public static Category byName(String displayName) {
        return BY_NAME.get(displayName);
    }
}
