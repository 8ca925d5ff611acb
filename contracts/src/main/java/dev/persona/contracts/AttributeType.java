package dev.persona.contracts;

/** DynamoDB scalar attribute types usable in keys. */
public enum AttributeType {
    STRING("S"),
    NUMBER("N"),
    BINARY("B");

    private final String wireName;

    AttributeType(String wireName) {
        this.wireName = wireName;
    }

    /** The type as DynamoDB's API spells it ({@code S}, {@code N}, {@code B}). */
    public String wireName() {
        return wireName;
    }
}
