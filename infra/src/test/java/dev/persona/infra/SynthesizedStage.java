package dev.persona.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.infra.config.StageConfig;
import dev.persona.infra.stacks.PersonaDeployment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.constructs.IConstruct;

/**
 * The development test stage synthesized once per JVM (the first synthesis starts jsii and costs
 * seconds; every test class shares this one) with the templates read as JSON.
 */
public final class SynthesizedStage {

    public static final ObjectMapper JSON = new ObjectMapper();

    private static SynthesizedStage shared;

    public final StageConfig config;
    public final PersonaDeployment deployment;
    public final Path assemblyDirectory;
    private final Map<Stack, JsonNode> templates = new LinkedHashMap<>();

    private SynthesizedStage(StageConfig config) throws IOException {
        this.config = config;
        Path outdir = Files.createTempDirectory("cdk-test-assembly");
        App app = TestStages.app(outdir);
        deployment = PersonaDeployment.create(app, config, TestStages.standInLambdaCode(),
                TestStages.standInWebSite());
        CloudAssembly assembly = app.synth();
        assemblyDirectory = Path.of(assembly.getDirectory());
        for (Stack stack : List.of(deployment.data(), deployment.identity(), deployment.backend(), deployment.edge())) {
            templates.put(stack, JSON.readTree(Path.of(assembly.getStackByName(stack.getStackName())
                    .getTemplateFullPath()).toFile()));
        }
    }

    public static synchronized SynthesizedStage shared() {
        if (shared == null) {
            try {
                shared = new SynthesizedStage(TestStages.development());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** A stage of its own, for tests of settings the shared development stage leaves off. */
    public static SynthesizedStage of(StageConfig config) {
        try {
            return new SynthesizedStage(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode template(Stack stack) {
        return templates.get(stack);
    }

    public Map<Stack, JsonNode> templates() {
        return templates;
    }

    /** The resources of {@code type} in a template, by logical id. */
    public static Map<String, JsonNode> resources(JsonNode template, String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        template.path("Resources").properties().forEach(entry -> {
            if (entry.getValue().path("Type").asText().equals(type)) {
                found.put(entry.getKey(), entry.getValue());
            }
        });
        return found;
    }

    /** The only resource of {@code type}. */
    public static JsonNode only(JsonNode template, String type) {
        Map<String, JsonNode> found = resources(template, type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + found.keySet());
        }
        return found.values().iterator().next();
    }

    /** The one resource of {@code type} whose logical id starts with {@code prefix} (the construct's id). */
    public static JsonNode only(JsonNode template, String type, String prefix) {
        Map<String, JsonNode> found = new java.util.TreeMap<>(resources(template, type));
        found.keySet().removeIf(id -> !id.startsWith(prefix));
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + " in " + prefix + ", found " + found.keySet());
        }
        return found.values().iterator().next();
    }

    /** The logical id of a construct's CloudFormation resource. */
    public static String logicalId(IConstruct construct) {
        IConstruct resource = construct.getNode().getDefaultChild() != null
                ? construct.getNode().getDefaultChild() : construct;
        return Stack.of(resource).getLogicalId((CfnElement) resource);
    }

    /** The items of a JSON array, or the value itself when it is not one (IAM's single-or-list style). */
    public static List<JsonNode> items(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                items.add(it.next());
            }
        } else if (!node.isMissingNode()) {
            items.add(node);
        }
        return items;
    }

    /** The property names of a JSON object. */
    public static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.properties().forEach(entry -> names.add(entry.getKey()));
        return names;
    }

    public static List<String> texts(JsonNode node) {
        return items(node).stream().map(JsonNode::asText).toList();
    }
}
