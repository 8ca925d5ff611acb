package dev.persona.local.sts;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A role the local STS lets its callers assume.
 *
 * @param arn                {@code arn:{partition}:iam::{account}:role/{path}{name}}
 * @param permissions        the role's permissions policy: no session of it can do more
 * @param maxSessionDuration the longest session {@code AssumeRole} may ask for (IAM: 1 to 12 hours)
 */
public record StsRole(String arn, IamPolicy permissions, Duration maxSessionDuration) {

    static final Duration MIN_SESSION = Duration.ofHours(1);
    static final Duration MAX_SESSION = Duration.ofHours(12);
    private static final Pattern ROLE_ARN = Pattern.compile("arn:(aws[a-z-]*):iam::(\\d{12}):role/(?:[\\w+=,.@/-]*/)?([\\w+=,.@-]{1,64})");

    public StsRole {
        Objects.requireNonNull(permissions, "permissions");
        if (!ROLE_ARN.matcher(Objects.requireNonNull(arn, "arn")).matches()) {
            throw new IllegalArgumentException("not a role ARN: " + arn);
        }
        if (maxSessionDuration.compareTo(MIN_SESSION) < 0 || maxSessionDuration.compareTo(MAX_SESSION) > 0) {
            throw new IllegalArgumentException("a role's maximum session lasts 1 to 12 hours, not " + maxSessionDuration);
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

    private String part(int group) {
        Matcher match = ROLE_ARN.matcher(arn);
        if (!match.matches()) {
            throw new IllegalStateException(arn);
        }
        return match.group(group);
    }
}
