package dev.persona.trpc;

import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.http.ApiException;
import dev.persona.http.ErrorCode;
import dev.persona.http.FieldError;
import dev.persona.profile.ProfileService;

/**
 * One call of a procedure, as its resolver sees it.
 *
 * @param userId the caller, as the authorizer identified them
 * @param claims what the authorizer passed about the caller, for a first profile
 * @param input  the input, valid against the procedure's schema; an empty object when an optional input was left
 *               out, null for a procedure without input
 */
public record ProcedureCall(String userId, ProfileService.Claims claims, JsonNode input) {

    /** A member of the input as text (a number as its digits), when present. */
    public Optional<String> text(String member) {
        JsonNode value = input == null ? null : input.get(member);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    /** A member the schema requires, as text. */
    public String string(String member) {
        return text(member).orElse("");
    }

    /**
     * What {@code work} makes of the member {@code name}, a REST route's request body: the invalid fields it reports
     * are named within the member ({@code note.title}), as the schema's validation names them.
     */
    public <T> T member(String name, Function<JsonNode, T> work) {
        try {
            return work.apply(input.get(name));
        } catch (ApiException e) {
            if (e.code() != ErrorCode.VALIDATION_FAILED || e.fieldErrors().isEmpty()) {
                throw e;
            }
            throw ApiException.invalidFields(e.fieldErrors().stream()
                    .map(error -> new FieldError(name + "." + error.field(), error.message())).toList());
        }
    }
}
