package dev.persona.contracts;

/** Attribute names of a persona summary item, written by the build-persona step. */
public final class PersonaAttributes {

    public static final String USER_ID = "userId";
    public static final String JOB_ID = "jobId";
    /** ISO-8601 instant the persona was built. */
    public static final String CREATED_AT = "createdAt";
    public static final String SCHEMA_VERSION = "schemaVersion";
    /** Key of the full document in the uploads bucket ({@link StorageLayout#personaKey}). */
    public static final String PERSONA_KEY = "personaKey";
    public static final String ARCHETYPE = "archetype";
    public static final String SUMMARY = "summary";
    /** List of maps {@code {category, share}}, strongest first. */
    public static final String TOP_INTERESTS = "topInterests";
    public static final String RECORDS_USED = "recordsUsed";
    public static final String FIRST_ACTIVITY_AT = "firstActivityAt";
    public static final String LAST_ACTIVITY_AT = "lastActivityAt";
    public static final String EXPIRES_AT = "expiresAt";

    private PersonaAttributes() {
    }
}
