package dev.persona.profile;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.http.ApiException;
import dev.persona.http.FieldError;

/**
 * The body of {@code PATCH /v1/me} after schema validation, checked against what the schema cannot express: a real
 * IANA zone, a well-formed language tag, a visible name. Absent fields keep their values.
 */
public record ProfileChanges(Optional<String> displayName, Optional<String> timezone, Optional<String> locale,
        Optional<Boolean> bookmarksInPersona) {

    /** {@code json} must satisfy the update-profile schema. */
    public static ProfileChanges from(JsonNode json) {
        List<FieldError> errors = new ArrayList<>();
        Optional<String> name = text(json, "displayName");
        if (name.isPresent() && (name.get().isBlank() || name.get().chars().anyMatch(Character::isISOControl))) {
            errors.add(new FieldError("displayName", "must have a visible character and no control characters"));
        }
        Optional<String> timezone = text(json, "timezone");
        if (timezone.isPresent() && !ZoneId.getAvailableZoneIds().contains(timezone.get())) {
            errors.add(new FieldError("timezone", "must be an IANA time zone such as Europe/Paris"));
        }
        Optional<String> locale = text(json, "locale").flatMap(ProfileChanges::languageTag);
        if (text(json, "locale").isPresent() && locale.isEmpty()) {
            errors.add(new FieldError("locale", "must be a BCP 47 language tag such as en or fr-FR"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
        Optional<Boolean> bookmarks = json.has("bookmarksInPersona")
                ? Optional.of(json.get("bookmarksInPersona").asBoolean()) : Optional.empty();
        return new ProfileChanges(name.map(String::strip), timezone, locale, bookmarks);
    }

    /** The profile with these changes. */
    Profile applyTo(Profile profile, String updatedAt, String revision) {
        return new Profile(displayName.orElse(profile.displayName()), timezone.orElse(profile.timezone()),
                locale.orElse(profile.locale()), bookmarksInPersona.orElse(profile.bookmarksInPersona()),
                profile.createdAt(), updatedAt, revision);
    }

    private static Optional<String> text(JsonNode json, String field) {
        return json.has(field) ? Optional.of(json.get(field).asText()) : Optional.empty();
    }

    /** The tag in its canonical form, when it is a well-formed BCP 47 tag. */
    private static Optional<String> languageTag(String value) {
        try {
            Locale locale = new Locale.Builder().setLanguageTag(value).build();
            return locale.getLanguage().isEmpty() ? Optional.empty() : Optional.of(locale.toLanguageTag());
        } catch (IllformedLocaleException e) {
            return Optional.empty();
        }
    }
}
