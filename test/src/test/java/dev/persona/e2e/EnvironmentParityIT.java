package dev.persona.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.infra.config.StageConfigReader;
import dev.persona.infra.constructs.JavaFunction;
import dev.persona.infra.stacks.PersonaDeployment;
import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Code;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each function gets locally exactly the environment variables the synthesized template gives it (the repository's
 * example stage, as {@code cdk synth} builds it from cdk.json), with equal values wherever they are settings
 * rather than names of resources or of the identity providers a stage trusts. A variable only one side sets would
 * let a function depend on something that is not there in the other.
 */
class EnvironmentParityIT {

    @Test
    void everyFunctionHasTheSameVariablesLocallyAsInTheTemplateAndTheSameSettings(@TempDir Path directory)
            throws Exception {
        Map<String, Map<String, String>> deployed = deployedEnvironments(directory);
        PersonaLocalRuntime stack = SharedStack.get();

        assertThat(deployed.keySet()).containsExactlyInAnyOrderElementsOf(
                LambdaFunctions.ALL.stream().map(function -> function.id()).toList());
        for (var function : LambdaFunctions.ALL) {
            Map<String, String> cloud = deployed.get(function.id());
            Map<String, String> local = new TreeMap<>(stack.functionEnvironment(function));
            assertThat(local.keySet()).as("the variables of %s", function.id()).isEqualTo(cloud.keySet());
            for (String name : EnvironmentVariables.SETTINGS) {
                assertThat(local.get(name)).as("%s of %s", name, function.id()).isEqualTo(cloud.get(name));
            }
        }
    }

    /** The example stage of cdk.json, synthesized, and each function's variables by function id. */
    private static Map<String, Map<String, String>> deployedEnvironments(Path directory) throws Exception {
        JsonNode cdkJson = ApiUser.JSON.readTree(Files.readString(Path.of("..", "cdk.json")));
        Map<String, Object> context = ApiUser.JSON.convertValue(cdkJson.path("context"), new TypeReference<>() { });
        App app = new App(AppProps.builder().context(context).outdir(directory.resolve("cdk.out").toString()).build());
        Path jar = Files.writeString(Files.createDirectories(directory.resolve("code")).resolve("stand-in.txt"), "code");
        Path site = Files.createDirectories(directory.resolve("site/assets")).getParent();
        Files.writeString(site.resolve("index.html"), "<!doctype html><title>stand-in</title>\n");
        PersonaDeployment deployment = PersonaDeployment.create(app, StageConfigReader.fromContext(app.getNode()),
                Code.fromAsset(jar.getParent().toString()), site);
        CloudAssembly assembly = app.synth();
        var backend = deployment.backend();
        JsonNode template = ApiUser.JSON.readTree(Path.of(assembly.getStackByName(backend.getStackName())
                .getTemplateFullPath()).toFile());

        List<JavaFunction> functions = new ArrayList<>(backend.pipeline().steps());
        functions.addAll(backend.apiFunctions().handlers().values());
        functions.add(backend.apiFunctions().authorizer());
        functions.addAll(backend.backgroundFunctions().values());
        Map<String, Map<String, String>> environments = new TreeMap<>();
        for (JavaFunction function : functions) {
            String logicalId = backend.getLogicalId((CfnFunction) function.function().getNode().getDefaultChild());
            Map<String, String> variables = new TreeMap<>();
            template.at("/Resources/" + logicalId + "/Properties/Environment/Variables").properties()
                    .forEach(variable -> variables.put(variable.getKey(), variable.getValue().isTextual()
                            ? variable.getValue().asText() : "<resolved at deployment>"));
            environments.put(function.definition().id(), variables);
        }
        return environments;
    }
}
