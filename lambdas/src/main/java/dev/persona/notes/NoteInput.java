package dev.persona.notes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.http.ApiException;
import dev.persona.http.FieldError;
import dev.persona.items.Tags;

/**
 * The body of {@code POST /v1/notes} and {@code PUT /v1/notes/{noteId}} after schema validation, checked against
 * what the schema cannot express: the body's size in bytes and control characters.
 */
public record NoteInput(String title, String body, List<String> tags) {

    /** A note's Markdown may hold this many bytes of UTF-8 (and as many characters, which the schema checks). */
    public static final int MAX_BODY_BYTES = 65_536;
    /** A note as JSON text: its body is 64 KiB of text at most, and escaped it may take up to six bytes a character. */
    public static final int MAX_JSON_BYTES = 512 * 1024;

    /** {@code json} must satisfy the note schema. */
    public static NoteInput from(JsonNode json) {
        String title = json.get("title").asText();
        String body = json.get("body").asText();
        List<FieldError> errors = new ArrayList<>();
        if (title.isBlank() || title.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("title", "must have a visible character and no control characters"));
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            errors.add(new FieldError("body", "must be at most " + MAX_BODY_BYTES + " bytes of UTF-8"));
        }
        if (body.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            errors.add(new FieldError("body", "must not contain control characters other than line breaks and tabs"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
        return new NoteInput(title, body, Tags.from(json));
    }
}
