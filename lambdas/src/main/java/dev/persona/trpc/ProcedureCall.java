package dev.persona.trpc;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One call of a procedure, as its resolver sees it.
 *
 * @param userId the caller, as the authorizer identified them
 * @param input  the input, valid against the procedure's schema; an empty object when an optional input was left
 *               out, null for a procedure without input
 */
public record ProcedureCall(String userId, JsonNode input) {

    /** A member of the input as text (a number as its digits), when present. */
    public Optional<String> text(String member) {
        JsonNode value = input == null ? null : input.get(member);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
