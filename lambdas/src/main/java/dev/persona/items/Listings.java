package dev.persona.items;

import java.util.Optional;

import dev.persona.http.ApiException;

/** The paging parameters every listing of the API takes. */
public final class Listings {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private Listings() {
    }

    /** The {@code limit} query parameter: 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent. */
    public static int limit(Optional<String> limit) {
        return limit.map(Listings::parse).orElse(DEFAULT_LIMIT);
    }

    private static int parse(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Falls through to the field error.
        }
        throw ApiException.invalidField("limit", "must be an integer from 1 to " + MAX_LIMIT);
    }
}
