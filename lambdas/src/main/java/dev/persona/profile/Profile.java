package dev.persona.profile;

/**
 * A person's profile as stored.
 *
 * @param displayName        how the app greets them
 * @param timezone           IANA zone: the pipeline's default for their uploads that declare none
 * @param locale             BCP 47 language tag
 * @param bookmarksInPersona whether their bookmarks are a source of their persona
 * @param revision           changes with every write; its entity tag is what {@code If-Match} names
 */
public record Profile(String displayName, String timezone, String locale, boolean bookmarksInPersona,
        String createdAt, String updatedAt, String revision) {
}
