package dev.persona.api;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.persona.contracts.UploadMetadata;

/** Hands out the two ways a browser can upload one object without AWS credentials of its own. */
public interface UploadPresigner {

    /** A PUT of exactly the declared size with the declared content type (and time zone metadata). */
    PresignedPut presignPut(UploadTarget target, Duration lifetime);

    /** A browser form POST whose signed policy pins the key, the content type and the size range. */
    PresignedPost presignPost(UploadTarget target, Duration lifetime);

    /**
     * The one object an upload may create.
     *
     * @param key         its key
     * @param contentType the content type it must be stored with
     * @param sizeBytes   its declared size, the largest accepted
     * @param timezone       IANA time zone stored as {@code x-amz-meta-timezone}, or null
     * @param viewingProfile the Netflix profile to keep, stored as {@code x-amz-meta-viewing-profile}, or null
     */
    record UploadTarget(String key, String contentType, long sizeBytes, String timezone, String viewingProfile) {

        /** The object's user metadata, as {@link UploadMetadata} names and encodes it. */
        public Map<String, String> metadata() {
            Map<String, String> metadata = new LinkedHashMap<>();
            if (timezone != null) {
                metadata.put(UploadMetadata.TIMEZONE, timezone);
            }
            if (viewingProfile != null) {
                metadata.put(UploadMetadata.VIEWING_PROFILE, UploadMetadata.encode(viewingProfile));
            }
            return metadata;
        }
    }

    /**
     * @param url       the presigned URL
     * @param headers   headers the PUT must carry exactly as given (they are signed)
     * @param expiresAt ISO-8601 instant after which the URL is refused
     */
    record PresignedPut(String url, Map<String, String> headers, String expiresAt) {

        public PresignedPut {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * @param url       where to POST the multipart form
     * @param fields    form fields to send, in this order, before the {@code file} field
     * @param expiresAt ISO-8601 instant after which the policy is refused
     */
    record PresignedPost(String url, Map<String, String> fields, String expiresAt) {

        public PresignedPost {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }
}
