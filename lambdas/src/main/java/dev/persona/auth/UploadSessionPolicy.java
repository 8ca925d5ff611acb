package dev.persona.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.contracts.StorageLayout;
import dev.persona.json.Json;

/**
 * The session policy and names of one user's upload credentials. The effective permissions of the
 * session are the intersection of the uploader role's policy and this one, so even a role granting more
 * yields credentials that can only write below {@code uploads/{userId}/}.
 */
public final class UploadSessionPolicy {

    /** STS refuses plain-text session policies longer than this. */
    static final int MAX_POLICY_CHARS = 2048;
    /** RoleSessionName and SourceIdentity: 2 to 64 characters of {@code [\w+=,.@-]}. */
    static final int MAX_SESSION_NAME = 64;
    static final String SESSION_NAME_PREFIX = "user-";
    static final String[] ACTIONS = {"s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"};

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PARTITION = Pattern.compile("aws(-[a-z]+)*");
    private static final Pattern NOT_SESSION_NAME_CHARACTER = Pattern.compile("[^\\w+=,.@-]");

    private UploadSessionPolicy() {
    }

    /**
     * The policy allowing uploads into {@code arn:{partition}:s3:::{bucket}/uploads/{userId}/*} and
     * nothing else. The user id must be a valid storage id, which keeps {@code *}, {@code ?},
     * {@code /}, {@code $} and non-ASCII characters (anything that could widen the resource) out of it.
     */
    public static String document(String partition, String bucket, String userId) {
        if (!PARTITION.matcher(partition).matches() || !BUCKET_NAME.matcher(bucket).matches()) {
            throw new IllegalArgumentException("not a partition and bucket name: " + partition + ", " + bucket);
        }
        String resource = "arn:" + partition + ":s3:::" + bucket + "/" + StorageLayout.userUploadsPrefix(userId) + "*";
        ObjectNode policy = Json.MAPPER.createObjectNode().put("Version", "2012-10-17");
        ObjectNode statement = policy.putArray("Statement").addObject()
                .put("Sid", "UploadIntoOwnPrefix")
                .put("Effect", "Allow");
        for (String action : ACTIONS) {
            statement.withArray("Action").add(action);
        }
        statement.put("Resource", resource);
        try {
            String json = Json.MAPPER.writeValueAsString(policy);
            if (json.length() > MAX_POLICY_CHARS) {
                throw new IllegalStateException("session policy of " + json.length() + " characters exceeds STS's "
                        + MAX_POLICY_CHARS);
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The session name (also the source identity) for a user, visible in CloudTrail as the assumed-role
     * session: {@code user-{userId}}, characters STS refuses replaced, and a user id too long for the
     * limit shortened to a prefix plus a digest of the whole id, so distinct users keep distinct names.
     */
    public static String sessionName(String userId) {
        String name = SESSION_NAME_PREFIX + NOT_SESSION_NAME_CHARACTER.matcher(userId).replaceAll("_");
        if (name.length() <= MAX_SESSION_NAME) {
            return name;
        }
        String digest = HexFormat.of().formatHex(sha256(userId), 0, 8);
        return name.substring(0, MAX_SESSION_NAME - digest.length() - 1) + "-" + digest;
    }

    /** The partition ({@code aws}, {@code aws-cn}…) of an ARN, so the policy fits the role's partition. */
    public static String partitionOf(String arn) {
        String[] parts = arn.split(":", 3);
        if (parts.length < 3 || !parts[0].equals("arn") || !PARTITION.matcher(parts[1]).matches()) {
            throw new IllegalArgumentException("not an ARN: " + arn);
        }
        return parts[1];
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
