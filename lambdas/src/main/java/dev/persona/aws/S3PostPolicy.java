package dev.persona.aws;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.json.Json;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * A browser-form POST upload signed with Signature Version 4 (the SDK has no presigned POST). The
 * signed policy pins the bucket, the exact key, the content type, the metadata and the size range;
 * S3 refuses a form that differs in any of them, that carries fields the policy does not name, or
 * that arrives after the expiration.
 */
public final class S3PostPolicy {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EXPIRATION =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Map<String, String> conditions = new LinkedHashMap<>();
    private final String bucket;
    private long minBytes;
    private long maxBytes;

    private S3PostPolicy(String bucket) {
        this.bucket = bucket;
    }

    /** A policy for one object of {@code bucket}; add the fields the form must carry exactly. */
    public static S3PostPolicy forBucket(String bucket) {
        return new S3PostPolicy(bucket);
    }

    /** A form field that must have exactly this value (the key, Content-Type, x-amz-meta-*). */
    public S3PostPolicy field(String name, String value) {
        conditions.put(name, value);
        return this;
    }

    /** The accepted size of the uploaded file, in bytes, both ends included. */
    public S3PostPolicy contentLengthRange(long min, long max) {
        this.minBytes = min;
        this.maxBytes = max;
        return this;
    }

    /**
     * The form fields to send (in order, before the file): the pinned fields, the SigV4 fields, the
     * base64 policy and its signature.
     */
    public Map<String, String> sign(AwsCredentialsIdentity credentials, String region, Instant now, Instant expiration) {
        String date = AMZ_DATE.format(now);
        String credential = credentials.accessKeyId() + "/" + date.substring(0, 8) + "/" + region + "/s3/aws4_request";
        Map<String, String> fields = new LinkedHashMap<>(conditions);
        fields.put("x-amz-algorithm", ALGORITHM);
        fields.put("x-amz-credential", credential);
        fields.put("x-amz-date", date);
        if (credentials instanceof AwsSessionCredentialsIdentity session) {
            fields.put("x-amz-security-token", session.sessionToken());
        }
        String policy = Base64.getEncoder().encodeToString(policyDocument(fields, expiration)
                .getBytes(StandardCharsets.UTF_8));
        byte[] signingKey = signingKey(credentials.secretAccessKey(), date.substring(0, 8), region);
        fields.put("policy", policy);
        fields.put("x-amz-signature", HexFormat.of().formatHex(hmac(signingKey, policy)));
        return fields;
    }

    private String policyDocument(Map<String, String> fields, Instant expiration) {
        ObjectNode policy = Json.MAPPER.createObjectNode().put("expiration", EXPIRATION.format(expiration));
        ArrayNode list = policy.putArray("conditions");
        list.addObject().put("bucket", bucket);
        fields.forEach((name, value) -> list.addObject().put(name, value));
        list.addArray().add("content-length-range").add(minBytes).add(maxBytes);
        return policy.toString();
    }

    private static byte[] signingKey(String secretAccessKey, String day, String region) {
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, region);
        key = hmac(key, "s3");
        return hmac(key, "aws4_request");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
