package dev.persona.infra.permissions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.TableDefinition;
import dev.persona.contracts.iam.Condition;
import dev.persona.contracts.iam.Permission;
import dev.persona.contracts.iam.PermissionModel;
import dev.persona.contracts.iam.Principal;
import dev.persona.contracts.iam.Resource;
import dev.persona.contracts.iam.Trust;
import dev.persona.infra.SynthesizedStage;
import dev.persona.infra.constructs.DataTable;
import dev.persona.infra.constructs.JavaFunction;
import dev.persona.infra.stacks.PersonaDeployment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.persona.infra.SynthesizedStage.items;
import static dev.persona.infra.SynthesizedStage.logicalId;
import static dev.persona.infra.SynthesizedStage.resources;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The synthesized templates hold exactly the permission model: for every principal, the identity policies of its
 * role expand to the same (action, resource, conditions) permissions as the model's, none missing and none extra,
 * CDK's own grants included; its trust policy trusts exactly whom the model says; and every other role in the
 * templates is one of the few CDK creates for itself, each named here with its reason. What the local runtime
 * enforces is the model, so this test is what makes "passes locally" mean "deploys with the same permissions".
 */
class PermissionModelTest {

    /**
     * Roles CDK creates for its own machinery, not principals of the system: matched by logical id, each with
     * why it exists. Anything else in the templates must be a principal of the model.
     */
    private static final Map<Pattern, String> CDK_ROLES = Map.of(
            Pattern.compile("CustomS3AutoDeleteObjectsCustomResourceProviderRole[0-9A-F]+"),
            "empties the buckets of a non-production stage when it is destroyed (autoDeleteObjects)",
            Pattern.compile("ApiCloudWatchRole[0-9A-F]+"),
            "API Gateway's account-wide role for writing the access and execution logs",
            Pattern.compile("CustomCDKBucketDeployment[0-9A-F]+ServiceRole[0-9A-F]+"),
            "copies the built web app into the web bucket at deployment (BucketDeployment)");

    private static SynthesizedStage stage;
    private static TemplateExpressions expressions;
    private static SymbolicResourceNames names;
    private static Map<String, String> roleOfPrincipal;

    @BeforeAll
    static void synthesize() {
        stage = SynthesizedStage.shared();
        PersonaDeployment deployment = stage.deployment;
        expressions = new TemplateExpressions(stage.templates().values());
        Map<FunctionDefinition, JavaFunction> functions = new LinkedHashMap<>();
        deployment.backend().pipeline().steps().forEach(step -> functions.put(step.definition(), step));
        functions.putAll(deployment.backend().apiFunctions().handlers());
        functions.put(LambdaFunctions.AUTHORIZER, deployment.backend().apiFunctions().authorizer());
        functions.putAll(deployment.backend().backgroundFunctions());
        Map<TableDefinition, DataTable> tables = deployment.data().tables();
        names = new SymbolicResourceNames(deployment, functions, tables);

        roleOfPrincipal = new LinkedHashMap<>();
        functions.forEach((definition, function) -> roleOfPrincipal.put(definition.id(), logicalId(function.role())));
        roleOfPrincipal.put(PermissionModel.UPLOADER_ROLE, logicalId(deployment.backend().apiFunctions().uploaderRole()));
        roleOfPrincipal.put(PermissionModel.PIPELINE_STATE_MACHINE, SynthesizedStage.only(
                stage.template(deployment.backend()), "AWS::StepFunctions::StateMachine")
                .at("/Properties/RoleArn/Fn::GetAtt/0").asText());
        roleOfPrincipal.put(PermissionModel.UPLOAD_RULE, uploadRuleRole());
    }

    @Test
    void everyPrincipalsPoliciesHoldExactlyTheModelsPermissions() {
        for (Principal principal : PermissionModel.standard().principals()) {
            if (!principal.kind().hasRole()) {
                continue;
            }
            String role = roleOfPrincipal.get(principal.id());
            assertThat(role).as("the role of %s", principal.id()).isNotNull();
            assertThat(deployed(role)).as("the permissions of %s (role %s)", principal.id(), role)
                    .containsExactlyInAnyOrderElementsOf(modelled(principal));
        }
    }

    @Test
    void everyRoleTrustsExactlyWhomTheModelSays() {
        for (Principal principal : PermissionModel.standard().principals()) {
            if (!principal.kind().hasRole()) {
                continue;
            }
            Set<String> expected = new TreeSet<>();
            for (Trust trust : principal.trustedBy()) {
                String who = trust.service() != null ? "Service " + trust.service()
                        : "AWS " + SymbolicResourceNames.attribute(stage.deployment.backend().apiFunctions()
                                .handlers().get(LambdaFunctions.byId(trust.principalId())).role(), "Arn");
                trust.actions().forEach(action -> expected.add(who + " " + action));
            }
            assertThat(trusted(roleOfPrincipal.get(principal.id()))).as("who may assume the role of %s", principal.id())
                    .isEqualTo(expected);
        }
    }

    @Test
    void everyOtherRoleIsOneCdkCreatesForItself() {
        Set<String> modelRoles = Set.copyOf(roleOfPrincipal.values());
        List<String> unexplained = new ArrayList<>();
        for (JsonNode template : stage.templates().values()) {
            for (String role : resources(template, "AWS::IAM::Role").keySet()) {
                if (!modelRoles.contains(role) && CDK_ROLES.keySet().stream().noneMatch(p -> p.matcher(role).matches())) {
                    unexplained.add(role);
                }
            }
        }
        assertThat(unexplained).as("roles that are neither principals of the model nor CDK's own").isEmpty();
    }

    @Test
    void noRoleOfTheModelHasManagedPoliciesOrInlinePoliciesOutsideTheGrants() {
        for (String role : roleOfPrincipal.values()) {
            JsonNode properties = roleResource(role).path("Properties");
            assertThat(properties.has("ManagedPolicyArns")).as("managed policies on %s", role).isFalse();
            assertThat(properties.has("Policies")).as("inline policies on %s", role).isFalse();
        }
    }

    /** The model's permissions of a principal as (action resource conditions) strings. */
    private static Set<String> modelled(Principal principal) {
        Set<String> expanded = new TreeSet<>();
        for (Permission permission : principal.permissions()) {
            String conditions = canonical(permission.conditions());
            for (String action : permission.actions()) {
                for (Resource resource : permission.resources()) {
                    expanded.add(action + " " + names.arn(resource, principal, null) + conditions);
                }
            }
        }
        return expanded;
    }

    /** Every Allow statement of the identity policies attached to a role, expanded likewise. */
    private static Set<String> deployed(String role) {
        Set<String> expanded = new TreeSet<>();
        for (JsonNode template : stage.templates().values()) {
            for (JsonNode policy : resources(template, "AWS::IAM::Policy").values()) {
                boolean attached = items(policy.at("/Properties/Roles")).stream()
                        .anyMatch(each -> role.equals(each.path("Ref").asText()));
                if (!attached) {
                    continue;
                }
                for (JsonNode statement : items(policy.at("/Properties/PolicyDocument/Statement"))) {
                    assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
                    assertThat(statement.has("NotAction") || statement.has("NotResource")).isFalse();
                    String conditions = canonical(statement.path("Condition"));
                    for (JsonNode action : items(statement.path("Action"))) {
                        for (JsonNode resource : items(statement.path("Resource"))) {
                            expanded.add(action.asText() + " " + expressions.evaluate(resource) + conditions);
                        }
                    }
                }
            }
        }
        return expanded;
    }

    private static Set<String> trusted(String role) {
        Set<String> trusted = new TreeSet<>();
        for (JsonNode statement : items(roleResource(role).at("/Properties/AssumeRolePolicyDocument/Statement"))) {
            statement.path("Principal").properties().forEach(principal -> {
                for (JsonNode who : items(principal.getValue())) {
                    for (JsonNode action : items(statement.path("Action"))) {
                        trusted.add(principal.getKey() + " " + expressions.evaluate(who) + " " + action.asText());
                    }
                }
            });
        }
        return trusted;
    }

    private static JsonNode roleResource(String role) {
        for (JsonNode template : stage.templates().values()) {
            JsonNode resource = template.at("/Resources/" + role);
            if (!resource.isMissingNode()) {
                return resource;
            }
        }
        throw new AssertionError("no role " + role);
    }

    private static String uploadRuleRole() {
        JsonNode rule = SynthesizedStage.only(stage.template(stage.deployment.backend()), "AWS::Events::Rule",
                "Pipeline");
        List<JsonNode> targets = items(rule.at("/Properties/Targets"));
        assertThat(targets).hasSize(1);
        return targets.get(0).at("/RoleArn/Fn::GetAtt/0").asText();
    }

    private static String canonical(List<Condition> conditions) {
        Map<String, Map<String, Set<String>>> sorted = new TreeMap<>();
        for (Condition condition : conditions) {
            sorted.computeIfAbsent(condition.operator(), operator -> new TreeMap<>())
                    .put(condition.key(), new TreeSet<>(condition.values().stream().map(names::value).toList()));
        }
        return sorted.isEmpty() ? "" : " when " + sorted;
    }

    private static String canonical(JsonNode condition) {
        Map<String, Map<String, Set<String>>> sorted = new TreeMap<>();
        condition.properties().forEach(operator -> operator.getValue().properties().forEach(key -> {
            Set<String> values = new TreeSet<>();
            items(key.getValue()).forEach(value -> values.add(expressions.evaluate(value)));
            sorted.computeIfAbsent(operator.getKey(), name -> new TreeMap<>()).put(key.getKey(), values);
        }));
        return sorted.isEmpty() ? "" : " when " + sorted;
    }
}
