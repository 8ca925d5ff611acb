package dev.persona.local.stepfunctions.asl;

import java.util.Optional;

/** The two query languages of a state machine ({@code QueryLanguage} field). */
public enum QueryLanguage {
    JSONPATH("JSONPath"),
    JSONATA("JSONata");

    private final String wireName;

    QueryLanguage(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<QueryLanguage> fromWireName(String name) {
        for (QueryLanguage language : values()) {
            if (language.wireName.equals(name)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
