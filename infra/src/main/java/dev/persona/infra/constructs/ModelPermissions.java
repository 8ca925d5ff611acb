package dev.persona.infra.constructs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.persona.contracts.iam.Condition;
import dev.persona.contracts.iam.Permission;
import dev.persona.contracts.iam.PermissionModel;
import dev.persona.contracts.iam.Principal;
import dev.persona.contracts.iam.Resource;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Grants every principal exactly the permissions the {@link PermissionModel} declares for it, with the
 * resources named by {@link CdkResourceNames}: the one place the deployed IAM policies come from. The
 * permissions CDK adds by itself (tracing, execution logging, the rule's target) are left to CDK; the
 * permission-model test checks that the synthesized policies hold exactly the model's.
 *
 * <p>The uploader session policy has no role here: the credential vendor passes it to {@code AssumeRole}.
 */
public final class ModelPermissions extends Construct {

    private static final String AREA_WILDCARD_REASON = "Access is confined to one area of the bucket (%s); below "
            + "it keys are per user and per upload, so the area prefix is the narrowest static resource. Users are "
            + "kept apart by the key layout the handlers build from the verified user id.";

    /**
     * @param model      the permissions. Default {@link PermissionModel#standard()}
     * @param names      the deployed resources the permissions name. Required
     * @param principals the role of each principal, by principal id; every principal with permissions the model
     *                   grants must have one. Required
     */
    public record Props(PermissionModel model, CdkResourceNames names, Map<String, IGrantable> principals) {

        public Props {
            model = model == null ? PermissionModel.standard() : model;
            Objects.requireNonNull(names, "names");
            principals = Map.copyOf(principals);
        }
    }

    public ModelPermissions(Construct scope, String id, Props props) {
        super(scope, id);
        for (Principal principal : props.model().principals()) {
            List<Permission> granted = principal.modelGranted();
            // Principals without a role are allowed by resource policies, which the constructs of their
            // resources write from the model (the download distribution, the rotation's invoke permission).
            if (!principal.kind().hasRole() || granted.isEmpty()) {
                continue;
            }
            IGrantable grantee = props.principals().get(principal.id());
            if (grantee == null) {
                throw new IllegalStateException("no role deployed for the principal " + principal.id());
            }
            for (Permission permission : granted) {
                grant(grantee, principal, permission, props.names());
            }
        }
    }

    private static void grant(IGrantable grantee, Principal principal, Permission permission, CdkResourceNames names) {
        List<String> resources = new ArrayList<>();
        for (Resource resource : permission.resources()) {
            resources.add(names.arn(resource, principal, null));
        }
        Map<String, Map<String, Object>> conditions = new LinkedHashMap<>();
        for (Condition condition : permission.conditions()) {
            conditions.computeIfAbsent(condition.operator(), operator -> new LinkedHashMap<>())
                    .put(condition.key(), condition.values().stream().map(names::value).toList());
        }
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(permission.actions())
                .resourceArns(resources)
                .conditions(conditions.isEmpty() ? null : conditions)
                .build());
        // After the grant: an acknowledgement reaches only the policies that exist when it is made.
        for (Resource resource : permission.resources()) {
            if (resource instanceof Resource.BucketObjects objects
                    && grantee.getGrantPrincipal() instanceof IConstruct role) {
                NagAcknowledgements.acknowledgePathWildcard(role,
                        (CfnElement) names.storage().bucket().getNode().getDefaultChild(), objects.area() + "*",
                        String.format(AREA_WILDCARD_REASON, objects.area()));
            }
        }
    }
}
