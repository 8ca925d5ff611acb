package dev.persona.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.TableDefinition;
import dev.persona.contracts.iam.PermissionModel;
import dev.persona.contracts.iam.PolicyDocuments;
import dev.persona.contracts.iam.ResourceNames;

/**
 * The session policy and names of one user's upload credentials. The effective permissions of the session are
 * the intersection of the uploader role's policy and this one, so even a role granting more yields credentials
 * that can only upload below {@code uploads/{userId}/}. The policy is the permission model's
 * ({@code PermissionModel.UPLOADER_SESSION_POLICY}): the S3 upload actions on the user's prefix, and the bucket's
 * KMS key through S3 only, which SSE-KMS uploads need.
 */
public final class UploadSessionPolicy {

    /** STS refuses plain-text session policies longer than this. */
    static final int MAX_POLICY_CHARS = 2048;
    /** RoleSessionName and SourceIdentity: 2 to 64 characters of {@code [\w+=,.@-]}. */
    static final int MAX_SESSION_NAME = 64;
    static final String SESSION_NAME_PREFIX = "user-";

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PARTITION = Pattern.compile("aws(-[a-z]+)*");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern NOT_SESSION_NAME_CHARACTER = Pattern.compile("[^\\w+=,.@-]");

    private UploadSessionPolicy() {
    }

    /**
     * The policy allowing uploads into {@code arn:{partition}:s3:::{bucket}/uploads/{userId}/*} and the bucket key
     * through S3 in {@code region}, and nothing else. The user id must be a valid storage id, which keeps
     * {@code *}, {@code ?}, {@code /}, {@code $} and non-ASCII characters (anything that could widen the resource)
     * out of it.
     */
    public static String document(String partition, String region, String bucket, String userId) {
        if (!PARTITION.matcher(partition).matches() || !BUCKET_NAME.matcher(bucket).matches()
                || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("not a partition, region and bucket name: " + partition + ", "
                    + region + ", " + bucket);
        }
        String json = PolicyDocuments.of(PermissionModel.standard().principal(PermissionModel.UPLOADER_SESSION_POLICY),
                new SessionResourceNames(partition, region, bucket), userId);
        if (json.length() > MAX_POLICY_CHARS) {
            throw new IllegalStateException("session policy of " + json.length() + " characters exceeds STS's "
                    + MAX_POLICY_CHARS);
        }
        return json;
    }

    /** The only resources a session policy names: the bucket, and the region for {@code kms:ViaService}. */
    private record SessionResourceNames(String partition, String region, String bucket) implements ResourceNames {

        @Override
        public String bucketArn() {
            return "arn:" + partition + ":s3:::" + bucket;
        }

        @Override
        public String bucketKeyArn() {
            throw notInASessionPolicy("the bucket key");
        }

        @Override
        public String tableArn(TableDefinition table) {
            throw notInASessionPolicy(table.id());
        }

        @Override
        public String functionAliasArn(FunctionDefinition function) {
            throw notInASessionPolicy(function.id());
        }

        @Override
        public String logGroupArn(FunctionDefinition function) {
            throw notInASessionPolicy(function.id());
        }

        @Override
        public String stateMachineArn() {
            throw notInASessionPolicy("the state machine");
        }

        @Override
        public String uploaderRoleArn() {
            throw notInASessionPolicy("the uploader role");
        }

        @Override
        public String signingKeySecretArn() {
            throw notInASessionPolicy("the signing key's secret");
        }

        @Override
        public String signingKeySecretKeyArn() {
            throw notInASessionPolicy("the signing key's KMS key");
        }

        @Override
        public String tableStreamArn(TableDefinition table) {
            throw notInASessionPolicy(table.id() + "'s stream");
        }

        @Override
        public String fileStreamFailuresArn() {
            throw notInASessionPolicy("the file stream's failure queue");
        }

        private static IllegalStateException notInASessionPolicy(String what) {
            return new IllegalStateException("the upload session policy does not name " + what);
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
