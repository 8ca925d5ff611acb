package dev.persona.contracts.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.persona.contracts.FunctionDefinition;

/**
 * One identity of the system and everything it may do: a function's execution role, the uploader role, the
 * session policy that narrows the uploader role to one user, the state machine's role, the upload rule's role,
 * the download distribution, or an AWS service invoking a function.
 *
 * @param id          stable id: the function id for function roles
 * @param kind        what it is
 * @param function    the function whose role this is, for {@link Kind#FUNCTION}; null otherwise
 * @param trustedBy   who may assume the role; empty for a session policy
 * @param permissions what it may do
 */
public record Principal(String id, Kind kind, FunctionDefinition function, List<Trust> trustedBy,
        List<Permission> permissions) {

    public Principal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.FUNCTION) != (function != null)) {
            throw new IllegalArgumentException("a function role, and only one, names its function: " + id);
        }
        trustedBy = List.copyOf(trustedBy);
        permissions = List.copyOf(permissions);
    }

    /** The kinds of principal. */
    public enum Kind {
        /** The execution role of a Lambda function. */
        FUNCTION,
        /** The role the credential vendor assumes for browser uploads. */
        UPLOADER_ROLE,
        /** The session policy the credential vendor passes to AssumeRole: one user's upload prefix. */
        UPLOADER_SESSION_POLICY,
        /** The role of the pipeline's state machine. */
        STATE_MACHINE,
        /** The role the upload rule's EventBridge target starts executions with. */
        UPLOAD_RULE,
        /**
         * The download distribution reading objects through origin access control: the CloudFront service, allowed by
         * the bucket's and the key's resource policies for that distribution only (its one {@link Trust} names the
         * service). No role.
         */
        CDN_ORIGIN,
        /**
         * An AWS service invoking a function (Secrets Manager its rotation function, EventBridge a rule's target),
         * allowed by the function's resource-based policy (its one {@link Trust} names the service). No role.
         */
        SERVICE;

        /** Whether principals of this kind are IAM roles (the others are allowed by resource-based policies). */
        public boolean hasRole() {
            return this != UPLOADER_SESSION_POLICY && this != CDN_ORIGIN && this != SERVICE;
        }
    }

    /** The service this principal stands for ({@code cloudfront.amazonaws.com}), for the kinds without a role. */
    public String service() {
        return trustedBy.stream().map(Trust::service).filter(java.util.Objects::nonNull).findFirst()
                .orElseThrow(() -> new IllegalStateException(id + " names no service"));
    }

    /** The permissions the CDK app must grant itself (the others CDK adds for features the app turns on). */
    public List<Permission> modelGranted() {
        return permissions.stream().filter(permission -> permission.grantor() == Permission.Grantor.MODEL).toList();
    }

    /** This principal without {@code action} in any of its permissions. */
    Principal without(String action) {
        List<Permission> rest = new ArrayList<>();
        for (Permission permission : permissions) {
            Permission remaining = permission.without(action);
            if (remaining != null) {
                rest.add(remaining);
            }
        }
        return new Principal(id, kind, function, trustedBy, rest);
    }
}
