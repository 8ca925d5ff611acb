package dev.persona.contracts;

/**
 * Attribute names of the accounts table ({@link Tables#ACCOUNTS}): per user, one {@link #PROFILE} item (what
 * {@code GET /v1/me} shows), one {@link #USAGE} item (what the file stream consumer counts, what quotas are checked
 * against) and, for a short while, one {@link #APPLIED_PREFIX applied} marker per stream record whose effect on the
 * usage was applied, so that a record delivered again changes nothing.
 */
public final class AccountAttributes {

    public static final String USER_ID = "userId";
    /** The item's kind: {@link #PROFILE}, {@link #USAGE} or {@code applied#{eventId}}. */
    public static final String RECORD = "record";

    public static final String PROFILE = "profile";
    public static final String USAGE = "usage";
    public static final String APPLIED_PREFIX = "applied#";

    /** Profile. */
    public static final String DISPLAY_NAME = "displayName";
    public static final String TIMEZONE = "timezone";
    public static final String LOCALE = "locale";
    public static final String BOOKMARKS_IN_PERSONA = "bookmarksInPersona";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String REVISION = "revision";

    /** Usage. */
    public static final String FILE_COUNT = "fileCount";
    public static final String FILE_BYTES = "fileBytes";
    /** {@code yyyy-MM} (UTC) that {@link #UPLOADS_THIS_MONTH} counts. */
    public static final String UPLOADS_MONTH = "uploadsMonth";
    public static final String UPLOADS_THIS_MONTH = "uploadsThisMonth";

    /** TTL (epoch seconds) of applied markers. */
    public static final String EXPIRES_AT = "expiresAt";

    private AccountAttributes() {
    }
}
