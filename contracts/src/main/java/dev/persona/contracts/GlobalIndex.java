package dev.persona.contracts;

import java.util.Objects;

/** A global secondary index projecting all attributes. */
public record GlobalIndex(String name, KeyAttribute partitionKey, KeyAttribute sortKey) {

    public GlobalIndex {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(sortKey, "sortKey");
    }
}
