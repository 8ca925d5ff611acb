package dev.persona.items;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing and where the next starts, if there may be one. A page may hold fewer items than asked
 * for, and the last page may be empty, as DynamoDB's own pages are.
 */
public record Page<T>(List<T> items, Optional<ListingCursor> next) {

    public Page {
        items = List.copyOf(items);
    }
}
