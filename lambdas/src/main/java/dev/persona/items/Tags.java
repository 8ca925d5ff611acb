package dev.persona.items;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.TaggedItems;
import dev.persona.http.ApiException;
import dev.persona.http.FieldError;

/** Tags as requests carry them: validated as {@link TaggedItems} defines them, kept in the order given. */
public final class Tags {

    private Tags() {
    }

    /** The {@code tags} array of a body that satisfied its schema (absent: none). */
    public static List<String> from(JsonNode body) {
        JsonNode tags = body.get("tags");
        if (tags == null || tags.isNull()) {
            return List.of();
        }
        Set<String> values = new LinkedHashSet<>();
        tags.forEach(tag -> values.add(tag.asText()));
        return validated(new ArrayList<>(values), "tags");
    }

    /** The {@code tag} query parameter of a listing, checked. */
    public static Optional<String> filter(Optional<String> tag) {
        tag.ifPresent(value -> {
            if (!TaggedItems.TAG.matcher(value).matches()) {
                throw ApiException.invalidField("tag", "must be a tag: lower-case letters, digits, - and _");
            }
        });
        return tag;
    }

    /** The tags, when each is one and there are at most {@link TaggedItems#MAX_TAGS}. */
    public static List<String> validated(List<String> tags, String field) {
        List<FieldError> errors = new ArrayList<>();
        if (tags.size() > TaggedItems.MAX_TAGS) {
            errors.add(new FieldError(field, "at most " + TaggedItems.MAX_TAGS + " tags"));
        }
        for (String tag : tags) {
            if (!TaggedItems.TAG.matcher(tag).matches()) {
                errors.add(new FieldError(field, "\"" + tag + "\" is not a tag: lower-case letters, digits, - and _, "
                        + "at most 32 characters"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
        return List.copyOf(tags);
    }
}
