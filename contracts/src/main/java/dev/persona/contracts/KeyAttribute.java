package dev.persona.contracts;

import java.util.Objects;

/** A key attribute of a table or index. */
public record KeyAttribute(String name, AttributeType type) {

    public KeyAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static KeyAttribute string(String name) {
        return new KeyAttribute(name, AttributeType.STRING);
    }
}
