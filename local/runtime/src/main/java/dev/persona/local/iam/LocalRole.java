package dev.persona.local.iam;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.persona.contracts.iam.Trust;

/**
 * A role of the local account: one principal of the permission model, with its identity policy and whom it
 * trusts.
 *
 * @param principalId        the model principal
 * @param arn                {@code arn:{partition}:iam::{account}:role/{name}}
 * @param permissions        the role's identity policy
 * @param trustedBy          who may assume it
 * @param maxSessionDuration the longest session {@code AssumeRole} may ask for (IAM: 1 to 12 hours)
 */
public record LocalRole(String principalId, String arn, IamPolicy permissions, List<Trust> trustedBy,
        Duration maxSessionDuration) {

    private static final Pattern ROLE_ARN =
            Pattern.compile("arn:(aws[a-z-]*):iam::(\\d{12}):role/(?:[\\w+=,.@/-]*/)?([\\w+=,.@-]{1,64})");
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public LocalRole {
        Objects.requireNonNull(principalId, "principalId");
        Objects.requireNonNull(permissions, "permissions");
        trustedBy = List.copyOf(trustedBy);
        if (!ROLE_ARN.matcher(Objects.requireNonNull(arn, "arn")).matches()) {
            throw new IllegalArgumentException("not a role ARN: " + arn);
        }
        if (maxSessionDuration.compareTo(Duration.ofHours(1)) < 0
                || maxSessionDuration.compareTo(Duration.ofHours(12)) > 0) {
            throw new IllegalArgumentException("a role's maximum session lasts 1 to 12 hours: " + maxSessionDuration);
        }
    }

    public String partition() {
        return part(1);
    }

    public String account() {
        return part(2);
    }

    public String name() {
        return part(3);
    }

    /** {@code arn:aws:sts::{account}:assumed-role/{role}/{session}}. */
    public String assumedRoleArn(String sessionName) {
        return "arn:" + partition() + ":sts::" + account() + ":assumed-role/" + name() + "/" + sessionName;
    }

    /** IAM's unique id of a role: {@code AROA} and 17 characters, here derived from the ARN so it is stable. */
    public String id() {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(arn.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder id = new StringBuilder("AROA");
        for (int i = 0; i < 17; i++) {
            id.append(BASE32.charAt((digest[i] & 0xff) % BASE32.length()));
        }
        return id.toString();
    }

    private String part(int group) {
        Matcher match = ROLE_ARN.matcher(arn);
        if (!match.matches()) {
            throw new IllegalStateException(arn);
        }
        return match.group(group);
    }
}
