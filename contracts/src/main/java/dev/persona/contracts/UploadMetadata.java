package dev.persona.contracts;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The user metadata an upload carries from {@code POST /v1/uploads} to the pipeline: S3 stores each as
 * {@code x-amz-meta-{name}} and gives it back to preprocess.
 *
 * <p>S3 keeps user metadata in US-ASCII over REST: a value with other characters is stored RFC 2047-encoded and
 * comes back encoded. Free text (a profile name such as "Zoë") therefore travels percent-encoded as UTF-8, which
 * is ASCII, is decoded the same way on every client, and reads back exactly as it was written.
 */
public final class UploadMetadata {

    /** The IANA time zone the upload's local times are read in ({@code Europe/Paris}); ASCII already. */
    public static final String TIMEZONE = "timezone";
    /** The one streaming (Netflix) profile whose viewing is kept, percent-encoded UTF-8. */
    public static final String VIEWING_PROFILE = "viewing-profile";
    /** The longest viewing profile name the API takes, in characters (Netflix's own limit is far below). */
    public static final int MAX_VIEWING_PROFILE_LENGTH = 100;

    private UploadMetadata() {
    }

    /** The metadata value of free text: percent-encoded UTF-8, a space as {@code %20} (as JavaScript's encodeURIComponent). */
    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The text of a value {@link #encode} wrote; malformed escapes are an {@link IllegalArgumentException}. */
    public static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
