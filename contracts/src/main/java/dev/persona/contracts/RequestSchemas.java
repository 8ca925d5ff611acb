package dev.persona.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * JSON Schemas (draft-04, the dialect API Gateway models use) of request bodies. The CDK app attaches
 * them as request models and validators; the handlers validate against the same documents.
 */
public final class RequestSchemas {

    /** Body of {@code POST /v1/uploads}. */
    public static final String CREATE_UPLOAD = "schemas/create-upload-request.json";

    /** Body of {@code PATCH /v1/me}: the profile's fields to change. */
    public static final String UPDATE_PROFILE = "schemas/update-profile-request.json";

    /** Body of {@code POST /v1/notes} and {@code PUT /v1/notes/{noteId}}. */
    public static final String NOTE = "schemas/note-request.json";

    /** Body of {@code POST /v1/bookmarks} and {@code PUT /v1/bookmarks/{bookmarkId}}. */
    public static final String BOOKMARK = "schemas/bookmark-request.json";

    /** Body of {@code POST /v1/files}. */
    public static final String CREATE_FILE = "schemas/create-file-request.json";

    /** The schema API Gateway validates a route's JSON body against, by {@code METHOD path} of {@link ApiRoutes}. */
    public static final Map<String, String> BY_ROUTE = Map.of(
            "POST " + ApiRoutes.PREFIX + "/uploads", CREATE_UPLOAD,
            "PATCH " + ApiRoutes.PREFIX + "/me", UPDATE_PROFILE,
            "POST " + ApiRoutes.PREFIX + "/notes", NOTE,
            "PUT " + ApiRoutes.PREFIX + "/notes/{noteId}", NOTE,
            "POST " + ApiRoutes.PREFIX + "/bookmarks", BOOKMARK,
            "PUT " + ApiRoutes.PREFIX + "/bookmarks/{bookmarkId}", BOOKMARK,
            "POST " + ApiRoutes.PREFIX + "/files", CREATE_FILE);

    private RequestSchemas() {
    }

    /** The schema document at {@code resource}. */
    public static String load(String resource) {
        try (InputStream in = RequestSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
