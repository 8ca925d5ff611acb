package dev.persona.http;

/**
 * One invalid field of a request.
 *
 * @param field   the field's path in the body ({@code sizeBytes}) or the query parameter's name
 * @param message what is wrong with it, safe to show to the user
 */
public record FieldError(String field, String message) {
}
