package dev.persona.local.sts;

/**
 * What a role session may do: the intersection of the role's permissions policy and the session policy
 * passed to {@code AssumeRole}, as IAM computes it. An explicit deny in either wins; otherwise both must
 * allow. Without a session policy the session has the role's permissions.
 *
 * @param rolePolicy    the role's permissions
 * @param sessionPolicy the session policy, or null when none was passed
 */
public record SessionPermissions(IamPolicy rolePolicy, IamPolicy sessionPolicy) {

    public boolean allows(String action, String resource) {
        IamPolicy.Decision role = rolePolicy.evaluate(action, resource);
        if (sessionPolicy == null) {
            return role == IamPolicy.Decision.ALLOW;
        }
        IamPolicy.Decision session = sessionPolicy.evaluate(action, resource);
        return role == IamPolicy.Decision.ALLOW && session == IamPolicy.Decision.ALLOW;
    }
}
