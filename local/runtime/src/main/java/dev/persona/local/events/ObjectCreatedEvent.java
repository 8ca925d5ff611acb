package dev.persona.local.events;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.contracts.UploadEvents;

/**
 * One S3 "Object Created" event as S3 sends it to EventBridge (source {@code aws.s3}), with the fields
 * in S3's order:
 *
 * <pre>{@code
 * {"version":"0","id":"…","detail-type":"Object Created","source":"aws.s3","account":"…",
 *  "time":"2026-01-01T12:00:00Z","region":"us-east-1","resources":["arn:aws:s3:::bucket"],
 *  "detail":{"version":"0","bucket":{"name":"bucket"},
 *            "object":{"key":"uploads/…","size":5,"etag":"…","version-id":"…","sequencer":"…"},
 *            "request-id":"…","requester":"…","source-ip-address":"…","reason":"PutObject"}}
 * }</pre>
 *
 * <p>The key is URL-encoded as S3 encodes it in its events ({@code application/x-www-form-urlencoded}
 * with {@code /} kept: a space becomes {@code +}); consumers decode it. The project's keys are made of
 * characters that encode to themselves. {@code version-id} is present only for versioned buckets; the
 * ETag is given without its quotes.
 *
 * @param id        the event's UUID
 * @param time      when the object was created
 * @param account   the bucket owner's account
 * @param region    the bucket's region
 * @param bucket    the bucket
 * @param key       the object key, as stored (not encoded)
 * @param size      the object's size in bytes
 * @param etag      the object's ETag, without quotes
 * @param versionId the version created, or null when the bucket is not versioned
 * @param sequencer a hexadecimal number, larger for later writes of the same key
 * @param requestId the id of the request that created the object
 * @param requester the account that created it
 * @param sourceIp  the address it came from
 * @param reason    {@code PutObject}, {@code PostObject}, {@code CopyObject} or {@code CompleteMultipartUpload}
 */
record ObjectCreatedEvent(String id, Instant time, String account, String region, String bucket, String key, long size,
        String etag, String versionId, String sequencer, String requestId, String requester, String sourceIp,
        String reason) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The key as S3 writes it into events. */
    static String encodedKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    String toJson() {
        ObjectNode event = JSON.createObjectNode()
                .put("version", "0")
                .put("id", id)
                .put("detail-type", UploadEvents.DETAIL_TYPE)
                .put("source", UploadEvents.SOURCE)
                .put("account", account)
                .put("time", DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS)))
                .put("region", region);
        event.putArray("resources").add("arn:aws:s3:::" + bucket);
        ObjectNode detail = event.putObject("detail").put("version", "0");
        detail.putObject("bucket").put("name", bucket);
        ObjectNode object = detail.putObject("object")
                .put("key", encodedKey(key))
                .put("size", size)
                .put("etag", etag);
        if (versionId != null) {
            object.put("version-id", versionId);
        }
        object.put("sequencer", sequencer);
        detail.put("request-id", requestId)
                .put("requester", requester)
                .put("source-ip-address", sourceIp)
                .put("reason", reason);
        return event.toString();
    }
}
