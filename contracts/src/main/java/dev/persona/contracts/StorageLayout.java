package dev.persona.contracts;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where objects live in the uploads bucket. Every key starts with a area prefix and then the user id,
 * so IAM policies, lifecycle rules and data deletion can all be expressed per area and per user.
 */
public final class StorageLayout {

    public static final String UPLOADS_PREFIX = "uploads/";
    public static final String PROCESSED_PREFIX = "processed/";
    public static final String PERSONAS_PREFIX = "personas/";
    /** The file library: {@code files/{userId}/{fileId}/{name}}, kept until their owner deletes them. */
    public static final String FILES_PREFIX = "files/";
    public static final List<String> AREAS = List.of(UPLOADS_PREFIX, PROCESSED_PREFIX, PERSONAS_PREFIX, FILES_PREFIX);
    /** The areas a job stores its objects in (the file library is no job's). */
    public static final List<String> JOB_AREAS = List.of(UPLOADS_PREFIX, PROCESSED_PREFIX, PERSONAS_PREFIX);

    /** Preprocess's output and categorize's: the intermediate format of {@code docs/intermediate-format.md}. */
    public static final String ACTIVITIES_FILE = "activities.blocks";
    public static final String REPORT_FILE = "report.json";
    public static final String CATEGORIZED_FILE = "categorized.blocks";
    /** The media type the intermediate files are stored with. */
    public static final String BLOCKS_CONTENT_TYPE = "application/vnd.persona.activity-blocks";
    public static final String PERSONA_FILE = "persona.json";

    /** User and upload ids: letters, digits, {@code _ . -}; 1 to 128 characters; no dot-only names. */
    private static final Pattern ID = Pattern.compile("(?!\\.+$)[A-Za-z0-9_.-]{1,128}");

    private StorageLayout() {
    }

    /** True when {@code id} is usable as one path segment of a key. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public static String uploadKey(String userId, String uploadId, String filename) {
        return userUploadsPrefix(userId) + requireId(uploadId) + "/" + Objects.requireNonNull(filename);
    }

    /** {@code uploads/{userId}/}: everything one user may upload. */
    public static String userUploadsPrefix(String userId) {
        return userPrefix(UPLOADS_PREFIX, userId);
    }

    /** {@code {area}{userId}/}: one user's objects in one area. */
    public static String userPrefix(String area, String userId) {
        if (!AREAS.contains(area)) {
            throw new IllegalArgumentException("not an area of the bucket: " + area);
        }
        return area + requireId(userId) + "/";
    }

    /** {@code {area}{userId}/} for each area: all of a user's objects. */
    public static List<String> userPrefixes(String userId) {
        return AREAS.stream().map(area -> userPrefix(area, userId)).toList();
    }

    /** {@code {area}{userId}/{jobId}/} for each area: everything stored for one job. */
    public static List<String> jobPrefixes(String userId, String jobId) {
        return JOB_AREAS.stream().map(area -> userPrefix(area, userId) + requireId(jobId) + "/").toList();
    }

    public static String processedPrefix(String userId, String jobId) {
        return PROCESSED_PREFIX + requireId(userId) + "/" + requireId(jobId) + "/";
    }

    public static String activitiesKey(String userId, String jobId) {
        return processedPrefix(userId, jobId) + ACTIVITIES_FILE;
    }

    public static String reportKey(String userId, String jobId) {
        return processedPrefix(userId, jobId) + REPORT_FILE;
    }

    public static String categorizedKey(String userId, String jobId) {
        return processedPrefix(userId, jobId) + CATEGORIZED_FILE;
    }

    public static String personaKey(String userId, String jobId) {
        return PERSONAS_PREFIX + requireId(userId) + "/" + requireId(jobId) + "/" + PERSONA_FILE;
    }

    /** {@code files/{userId}/{fileId}/{name}}: one file of the library. */
    public static String fileKey(String userId, String fileId, String name) {
        if (name == null || name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("a file name is one non-empty key segment: " + name);
        }
        return userPrefix(FILES_PREFIX, userId) + requireId(fileId) + "/" + name;
    }

    /** Reads {@code files/{userId}/{fileId}/{name}}; empty when the key does not have that shape. */
    public static Optional<FileKey> parseFileKey(String key) {
        if (key == null || !key.startsWith(FILES_PREFIX)) {
            return Optional.empty();
        }
        String[] parts = key.substring(FILES_PREFIX.length()).split("/", -1);
        if (parts.length != 3 || !isValidId(parts[0]) || !isValidId(parts[1]) || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FileKey(parts[0], parts[1], parts[2]));
    }

    /**
     * Reads {@code uploads/{userId}/{uploadId}/{filename}}; empty when the key does not have that shape
     * or an id is not valid. The file name is everything after the upload id.
     */
    public static Optional<UploadKey> parseUploadKey(String key) {
        if (key == null || !key.startsWith(UPLOADS_PREFIX)) {
            return Optional.empty();
        }
        String[] parts = key.substring(UPLOADS_PREFIX.length()).split("/", 3);
        if (parts.length != 3 || !isValidId(parts[0]) || !isValidId(parts[1]) || parts[2].isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new UploadKey(parts[0], parts[1], parts[2]));
    }

    private static String requireId(String id) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("not a valid id for a key segment: " + id);
        }
        return id;
    }

    /** The parts of an upload key. */
    public record UploadKey(String userId, String uploadId, String filename) {
    }

    /** The parts of a file key. */
    public record FileKey(String userId, String fileId, String name) {
    }
}
