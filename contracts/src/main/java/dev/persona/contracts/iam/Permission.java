package dev.persona.contracts.iam;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one principal may do: {@code Allow} these actions on these resources, under every condition.
 *
 * @param actions    IAM action names ({@code s3:GetObjectVersion}), as the service authorization reference spells
 *                   them
 * @param resources  what they apply to
 * @param conditions all must hold; empty for none
 * @param grantor    who puts the permission into the deployed policies
 * @param reason     why the principal needs it
 */
public record Permission(List<String> actions, List<Resource> resources, List<Condition> conditions, Grantor grantor,
        String reason) {

    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z0-9]+");

    public Permission {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(grantor, "grantor");
        Objects.requireNonNull(reason, "reason");
        if (actions.isEmpty() || resources.isEmpty()) {
            throw new IllegalArgumentException("a permission names actions and resources: " + reason);
        }
        for (String action : actions) {
            if (!ACTION.matcher(action).matches()) {
                throw new IllegalArgumentException("not an exact service:Action name (no wildcards): " + action);
            }
        }
    }

    /** Who writes a permission into the deployed policies. */
    public enum Grantor {
        /** The CDK app grants it from this model. */
        MODEL,
        /**
         * The CDK grants it by itself for a feature the app turns on (X-Ray tracing, Step Functions logging, an
         * EventBridge target); the model lists it so that comparisons and the local runtime see it too.
         */
        CDK
    }

    /** This permission without {@code action}; null when it was the only one. */
    Permission without(String action) {
        List<String> rest = actions.stream().filter(each -> !each.equals(action)).toList();
        return rest.isEmpty() ? null : new Permission(rest, resources, conditions, grantor, reason);
    }
}
