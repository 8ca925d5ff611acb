package dev.persona.infra.constructs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.Tables;
import dev.persona.infra.stacks.DataStack;
import software.constructs.IConstruct;

import static dev.persona.infra.SynthesizedStage.items;
import static dev.persona.infra.SynthesizedStage.logicalId;
import static dev.persona.infra.SynthesizedStage.texts;

/**
 * Reads the identity policies of a role out of a template as {@code action -> described resources}, with
 * resources named by what they are ({@code bucket/uploads/*}, {@code key}, {@code table:Jobs}) so tests
 * can compare a role's whole permission set with the one it should have.
 */
final class Policies {

    /** What every function may do: write its own logs and send traces. */
    static final Map<String, Set<String>> LOGS_AND_TRACES = expect(Map.of(),
            "logs:CreateLogStream", "own-log-group",
            "logs:PutLogEvents", "own-log-group",
            "xray:PutTraceSegments", "*",
            "xray:PutTelemetryRecords", "*");

    private Policies() {
    }

    /** Names the data stack's resources, and any others given, wherever a statement references them. */
    static final class Describer {

        private final Map<String, String> names = new HashMap<>();

        Describer(DataStack data) {
            names.put(logicalId(data.storage().bucket()), "bucket");
            names.put(logicalId(data.storage().key()), "key");
            names.put(logicalId(data.jobs().table()), "table:" + Tables.JOBS.id());
            names.put(logicalId(data.personas().table()), "table:" + Tables.PERSONAS.id());
        }

        private Describer(Map<String, String> names) {
            this.names.putAll(names);
        }

        /** A describer that also names {@code construct}. */
        Describer with(IConstruct construct, String name) {
            Describer extended = new Describer(names);
            extended.names.put(logicalId(construct), name);
            return extended;
        }

        String describe(JsonNode resource) {
            if (resource.isTextual()) {
                return resource.asText();
            }
            if (resource.has("Fn::Join")) {
                StringBuilder joined = new StringBuilder();
                resource.at("/Fn::Join/1").forEach(part -> joined.append(describe(part)));
                return joined.toString();
            }
            String reference = resource.has("Ref") ? resource.path("Ref").asText()
                    : resource.has("Fn::GetAtt") ? resource.at("/Fn::GetAtt/0").asText()
                    : resource.path("Fn::ImportValue").asText();
            return names.entrySet().stream()
                    .filter(name -> reference.equals(name.getKey()) || reference.contains("Ref" + name.getKey())
                            || reference.contains("FnGetAtt" + name.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(resource.toString());
        }
    }

    /** Every statement of the identity policies attached to the role {@code roleLogicalId}. */
    static List<JsonNode> statementsOf(JsonNode template, String roleLogicalId) {
        List<JsonNode> statements = new ArrayList<>();
        template.path("Resources").forEach(resource -> {
            if (resource.path("Type").asText().equals("AWS::IAM::Policy")
                    && items(resource.at("/Properties/Roles")).stream()
                    .anyMatch(role -> role.path("Ref").asText().equals(roleLogicalId))) {
                statements.addAll(items(resource.at("/Properties/PolicyDocument/Statement")));
            }
        });
        return statements;
    }

    static List<String> resourcesOf(List<JsonNode> statements, String action) {
        return statements.stream().filter(statement -> texts(statement.path("Action")).contains(action))
                .flatMap(statement -> items(statement.path("Resource")).stream())
                .map(JsonNode::toString)
                .toList();
    }

    static Set<String> actionsOf(List<JsonNode> statements) {
        return statements.stream().flatMap(statement -> texts(statement.path("Action")).stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The whole permission set of a function's role: action to the resources it applies to. */
    static Map<String, Set<String>> permissions(JsonNode template, JavaFunction function, Describer describer) {
        Describer withOwnLogs = describer.with(function.getNode().findChild("Logs"), "own-log-group");
        Map<String, Set<String>> permissions = new TreeMap<>();
        for (JsonNode statement : statementsOf(template, logicalId(function.role()))) {
            if (!statement.path("Effect").asText().equals("Allow")) {
                throw new AssertionError("unexpected statement " + statement);
            }
            String condition = condition(statement.path("Condition"));
            for (String action : texts(statement.path("Action"))) {
                for (JsonNode resource : items(statement.path("Resource"))) {
                    permissions.computeIfAbsent(action, a -> new TreeSet<>()).add(withOwnLogs.describe(resource) + condition);
                }
            }
        }
        return permissions;
    }

    /** {@code " when StringLike s3:prefix [uploads/*, …]"}, or nothing for an unconditional statement. */
    private static String condition(JsonNode condition) {
        if (condition.isMissingNode()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        condition.properties().forEach(operator -> operator.getValue().properties().forEach(key ->
                parts.add(operator.getKey() + " " + key.getKey() + " " + texts(key.getValue()))));
        return " when " + String.join(" and ", parts);
    }

    /** {@code base} plus the given {@code action, resource} pairs. */
    static Map<String, Set<String>> expect(Map<String, Set<String>> base, String... actionResourcePairs) {
        Map<String, Set<String>> expected = new TreeMap<>();
        base.forEach((action, resources) -> expected.put(action, new TreeSet<>(resources)));
        for (int i = 0; i < actionResourcePairs.length; i += 2) {
            expected.computeIfAbsent(actionResourcePairs[i], a -> new TreeSet<>()).add(actionResourcePairs[i + 1]);
        }
        return expected;
    }
}
