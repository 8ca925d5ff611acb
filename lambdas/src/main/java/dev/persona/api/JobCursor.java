package dev.persona.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.StorageLayout;
import dev.persona.http.ApiException;
import dev.persona.http.ErrorCode;
import dev.persona.json.Json;

/**
 * Where the next page of a job listing starts: the last item's keys in the newest-first index. On the
 * wire it is opaque (base64url of JSON). The listing's partition is always the caller, so a cursor can
 * at most move the start within the caller's own jobs; one carrying another user's id, or that does not
 * decode to valid keys, is refused.
 */
public record JobCursor(String userId, String createdAt, String jobId) {

    public String encode() {
        String json = Json.MAPPER.createObjectNode().put("u", userId).put("c", createdAt).put("j", jobId).toString();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor the caller {@code userId} sent, or a 400 {@code INVALID_CURSOR}. */
    public static JobCursor decode(String encoded, String userId) {
        try {
            JsonNode json = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(encoded));
            if (json == null || !json.isObject() || json.size() != 3) {
                throw invalid();
            }
            JobCursor cursor = new JobCursor(text(json, "u"), text(json, "c"), text(json, "j"));
            Instant.parse(cursor.createdAt());
            if (!cursor.userId().equals(userId) || !StorageLayout.isValidId(cursor.jobId())) {
                throw invalid();
            }
            return cursor;
        } catch (IllegalArgumentException | IOException | DateTimeParseException e) {
            throw invalid();
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid();
        }
        return value.asText();
    }

    private static ApiException invalid() {
        return new ApiException(ErrorCode.INVALID_CURSOR);
    }
}
