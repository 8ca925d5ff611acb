package dev.persona.infra.constructs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.WebApp;
import dev.persona.contracts.WebSecurityHeaders;
import dev.persona.infra.SynthesizedStage;
import dev.persona.infra.stacks.EdgeStack;
import org.junit.jupiter.api.Test;

import static dev.persona.infra.SynthesizedStage.JSON;
import static dev.persona.infra.SynthesizedStage.logicalId;
import static dev.persona.infra.SynthesizedStage.only;
import static dev.persona.infra.SynthesizedStage.resources;
import static dev.persona.infra.SynthesizedStage.texts;
import static org.assertj.core.api.Assertions.assertThat;

/** The web app deployed into the web bucket with a config.json the deployment writes for the stage. */
class WebAppDeploymentTest {

    private static final SynthesizedStage STAGE = SynthesizedStage.shared();
    private static final EdgeStack EDGE = STAGE.deployment.edge();
    private static final JsonNode TEMPLATE = STAGE.template(EDGE);

    private static JsonNode deployment(String id) {
        Map<String, JsonNode> found = resources(TEMPLATE, "Custom::CDKBucketDeployment");
        return found.entrySet().stream().filter(entry -> entry.getKey().startsWith("WebApp" + id))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no " + id + " in "
                        + found.keySet()));
    }

    @Test
    void theHashedAssetsGoFirstUnderAssetsCachedForAYear() {
        JsonNode assets = deployment("Assets").path("Properties");
        assertThat(assets.path("DestinationBucketName").toString()).contains(logicalId(EDGE.web().webBucket()));
        assertThat(assets.path("DestinationBucketKeyPrefix").asText()).isEqualTo(WebApp.ASSETS_DIRECTORY);
        assertThat(assets.path("Prune").asBoolean()).as("earlier assets stay for pages loaded before").isFalse();
        assertThat(texts(assets.path("SystemMetadata").path("cache-control")))
                .containsExactly(WebApp.IMMUTABLE_CACHE_CONTROL);
    }

    @Test
    void theEntryPageAndConfigFollowRevalidatedWithoutInvalidations() {
        JsonNode entry = deployment("EntryAndConfig");
        assertThat(texts(entry.path("DependsOn"))).anySatisfy(dependency -> assertThat(dependency).startsWith("WebAppAssets"));
        JsonNode properties = entry.path("Properties");
        assertThat(properties.path("Prune").asBoolean()).isFalse();
        assertThat(texts(properties.path("SystemMetadata").path("cache-control")))
                .containsExactly(WebApp.REVALIDATE_CACHE_CONTROL);
        assertThat(properties.has("DistributionId")).as("no-cache keeps them at most the minimum TTL at the edge")
                .isFalse();
        assertThat(TEMPLATE.toString()).doesNotContain("cloudfront:CreateInvalidation");
    }

    @Test
    void configJsonIsWrittenAtDeploymentFromTheIdentityStacksDomainAndClientAndThisRegion() throws IOException {
        JsonNode config = stagedFile(WebApp.CONFIG_FILE);
        assertThat(config.path(WebApp.Config.SCOPES).toString()).isEqualTo("[\"openid\",\"email\",\"profile\"]");
        assertThat(config.path(WebApp.Config.MAX_UPLOAD_BYTES).asLong()).isEqualTo(STAGE.config.maxUploadBytes());
        assertThat(config.path(WebApp.Config.MULTIPART_THRESHOLD_BYTES).asLong())
                .isEqualTo(WebApp.MULTIPART_THRESHOLD_BYTES);
        for (String deployTime : List.of(WebApp.Config.CLIENT_ID, WebApp.Config.AUTH_DOMAIN, WebApp.Config.REGION,
                WebApp.Config.API_BASE_URL)) {
            assertThat(config.path(deployTime).asText()).as("%s is filled in at deployment", deployTime)
                    .contains("<<marker:");
        }
        String markers = deployment("EntryAndConfig").at("/Properties/SourceMarkers").toString();
        assertThat(markers).as("the client id and domain come from the identity stack")
                .contains("Fn::ImportValue").contains(logicalId(STAGE.deployment.identity().identity().webClient()))
                .contains("AWS::Region").contains(logicalId(EDGE.web().distribution()));
    }

    @Test
    void theSecurityHeadersAreTheContractsWithTheStagesServices() {
        JsonNode headers = only(TEMPLATE, "AWS::CloudFront::ResponseHeadersPolicy")
                .at("/Properties/ResponseHeadersPolicyConfig");
        JsonNode csp = headers.at("/SecurityHeadersConfig/ContentSecurityPolicy/ContentSecurityPolicy");
        StringBuilder withPlaceholders = new StringBuilder();
        for (JsonNode part : csp.at("/Fn::Join/1")) {
            withPlaceholders.append(part.isTextual() ? part.asText() : "TOKEN");
        }
        assertThat(withPlaceholders.toString()).as("the one CSP definition, here with the Cognito domain and the bucket")
                .isEqualTo(WebSecurityHeaders.contentSecurityPolicy(List.of("https://TOKEN.auth.TOKEN.amazoncognito.com",
                        "https://TOKEN")));
        assertThat(headers.at("/SecurityHeadersConfig/ReferrerPolicy/ReferrerPolicy").asText())
                .isEqualTo(WebSecurityHeaders.REFERRER_POLICY);
        assertThat(headers.at("/SecurityHeadersConfig/FrameOptions/FrameOption").asText())
                .isEqualTo(WebSecurityHeaders.FRAME_OPTIONS);
        assertThat(headers.at("/CustomHeadersConfig/Items").toString())
                .contains(WebSecurityHeaders.PERMISSIONS_POLICY).contains(WebSecurityHeaders.CROSS_ORIGIN_OPENER_POLICY);
    }

    /** A file the deployment stages in the cloud assembly (the CDK writes Source.data and jsonData there). */
    private static JsonNode stagedFile(String name) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(STAGE.assemblyDirectory)) {
            files.filter(path -> path.getFileName().toString().equals(name)).forEach(found::add);
        }
        assertThat(found).as("%s staged in the assembly", name).hasSize(1);
        // Deploy-time values stand there as markers, which the deployment replaces with JSON strings.
        String staged = Files.readString(found.getFirst()).replaceAll("(<<marker:[^>]+>>)", "\"$1\"");
        return JSON.readTree(staged);
    }
}
