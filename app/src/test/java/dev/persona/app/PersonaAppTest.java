package dev.persona.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.infra.config.InvalidStageConfigException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The app as `cdk synth` runs it: the repository's cdk.json context (its example stage and feature
 * flags) and the real Lambda jar. Synthesis itself fails on any unacknowledged cdk-nag error.
 */
class PersonaAppTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static CloudAssembly assembly;

    static Map<String, Object> cdkJsonContext() throws IOException {
        Map<String, Object> cdkJson = JSON.readValue(Files.readString(Path.of("..", "cdk.json")), new TypeReference<>() { });
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) cdkJson.get("context");
        return context;
    }

    private static App app(Map<String, Object> context) throws IOException {
        return new App(AppProps.builder().context(context)
                .outdir(Files.createTempDirectory("cdk-app-test").toString()).build());
    }

    @BeforeAll
    static void synthesizeTheExampleStage() throws IOException {
        assembly = PersonaApp.synthesize(app(cdkJsonContext()));
    }

    @Test
    void theExampleStageSynthesizesIntoItsFourStacks() {
        assertThat(assembly.getStacks()).extracting(CloudFormationStackArtifact::getStackName)
                .containsExactlyInAnyOrder("persona-dev-data", "persona-dev-identity", "persona-dev-backend", "persona-dev-edge");
    }

    @Test
    void theFunctionsDeployTheLambdaJarTheBuildCopied() throws IOException {
        JsonNode assets = JSON.readTree(Path.of(assembly.getDirectory(), "persona-dev-backend.assets.json").toFile());
        List<JsonNode> jars = new ArrayList<>();
        assets.path("files").forEach(file -> {
            if (file.at("/source/path").asText().endsWith(".jar")) {
                jars.add(file);
            }
        });
        assertThat(jars).hasSize(1);
        Path staged = Path.of(assembly.getDirectory(), jars.get(0).at("/source/path").asText());
        assertThat(jars.get(0).at("/source/packaging").asText()).isEqualTo("file");
        assertThat(Files.mismatch(staged, PersonaApp.lambdaJar())).isEqualTo(-1L);
    }

    @Test
    void synthesisWithoutAStageFailsWithAClearMessage() throws IOException {
        Map<String, Object> context = new HashMap<>(cdkJsonContext());
        context.remove("stage");

        assertThatThrownBy(() -> PersonaApp.synthesize(app(context)))
                .isInstanceOf(InvalidStageConfigException.class)
                .hasMessageContaining("must name the stage to synthesize");
    }

    @Test
    void synthesisOfAnUnknownStageNamesTheDefinedOnes() throws IOException {
        Map<String, Object> context = new HashMap<>(cdkJsonContext());
        context.put("stage", "prod");

        assertThatThrownBy(() -> PersonaApp.synthesize(app(context)))
                .isInstanceOf(InvalidStageConfigException.class)
                .hasMessageContaining("Stage \"prod\" is not defined").hasMessageContaining("[dev]");
    }
}
