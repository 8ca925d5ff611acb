package dev.persona.api;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.http.ApiException;
import dev.persona.http.FieldError;

/**
 * The body of {@code POST /v1/uploads}, after schema validation, checked against what the schema
 * cannot express: the configured size limit, the time zone being a real IANA zone and the viewing profile being
 * a name.
 *
 * @param filename       the name the client reported (not yet sanitized)
 * @param contentType    one of the schema's content types
 * @param sizeBytes      the file's exact size
 * @param timezone       IANA time zone, or null
 * @param viewingProfile the Netflix profile whose viewing is kept, stripped, or null for all
 */
public record CreateUploadRequest(String filename, String contentType, long sizeBytes, String timezone,
        String viewingProfile) {

    /** {@code body} must already satisfy the create-upload schema. */
    public static CreateUploadRequest from(JsonNode body, long maxUploadBytes) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode size = body.get("sizeBytes");
        if (!size.canConvertToLong() || size.asLong() > maxUploadBytes) {
            errors.add(new FieldError("sizeBytes", "must be at most " + maxUploadBytes + " bytes"));
        }
        String timezone = body.hasNonNull("timezone") ? body.get("timezone").asText() : null;
        if (timezone != null && !ZoneId.getAvailableZoneIds().contains(timezone)) {
            errors.add(new FieldError("timezone", "must be an IANA time zone such as Europe/Paris"));
        }
        String viewingProfile = body.hasNonNull("viewingProfile") ? body.get("viewingProfile").asText().strip() : null;
        if (viewingProfile != null && (viewingProfile.isEmpty() || viewingProfile.chars().anyMatch(Character::isISOControl))) {
            errors.add(new FieldError("viewingProfile", "must be a profile's name, without control characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
        return new CreateUploadRequest(body.get("filename").asText(), body.get("contentType").asText(),
                size.asLong(), timezone, viewingProfile);
    }
}
