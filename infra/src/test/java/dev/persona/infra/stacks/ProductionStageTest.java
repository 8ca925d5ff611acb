package dev.persona.infra.stacks;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.infra.SynthesizedStage;
import dev.persona.infra.TestStages;
import dev.persona.infra.config.StageConfig;
import dev.persona.infra.config.StageConfigReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import static dev.persona.infra.SynthesizedStage.resources;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stateful stacks of a production stage keep their data whatever happens to the stacks; this stage also turns on
 * the optional trail of the uploads bucket's data events.
 */
class ProductionStageTest {

    private static PersonaDeployment deployment;
    private static JsonNode data;
    private static JsonNode identity;

    @BeforeAll
    static void synthesize() throws Exception {
        Map<String, Object> settings = new HashMap<>(TestStages.settings());
        settings.put("production", true);
        settings.put("uploadsDataEventsTrail", true);
        StageConfig config = StageConfigReader.read(TestStages.STAGE, Map.of(TestStages.STAGE, settings));
        App app = TestStages.app(Files.createTempDirectory("cdk-production"));
        deployment = PersonaDeployment.create(app, config, TestStages.standInLambdaCode(),
                TestStages.standInWebSite());
        data = SynthesizedStage.JSON.valueToTree(Template.fromStack(deployment.data()).toJSON());
        identity = SynthesizedStage.JSON.valueToTree(Template.fromStack(deployment.identity()).toJSON());
    }

    @Test
    void statefulStacksAreTerminationProtectedAndComputeIsNot() {
        assertThat(deployment.data().getTerminationProtection()).isTrue();
        assertThat(deployment.identity().getTerminationProtection()).isTrue();
        assertThat(deployment.backend().getTerminationProtection()).isFalse();
        assertThat(deployment.edge().getTerminationProtection()).isFalse();
    }

    @Test
    void dataIsRetainedAndProtected() {
        for (String type : List.of("AWS::S3::Bucket", "AWS::DynamoDB::GlobalTable", "AWS::KMS::Key")) {
            assertThat(resources(data, type).values()).as(type).isNotEmpty().allSatisfy(resource -> {
                assertThat(resource.path("DeletionPolicy").asText()).isEqualTo("Retain");
                assertThat(resource.path("UpdateReplacePolicy").asText()).isEqualTo("Retain");
            });
        }
        assertThat(resources(data, "AWS::DynamoDB::GlobalTable").values()).allSatisfy(table ->
                assertThat(SynthesizedStage.items(table.at("/Properties/Replicas"))).isNotEmpty().allSatisfy(replica ->
                        assertThat(replica.path("DeletionProtectionEnabled").asBoolean()).isTrue()));
        assertThat(resources(data, "AWS::CloudFormation::CustomResource"))
                .as("no custom resource empties the buckets").isEmpty();
        assertThat(resources(data, "Custom::S3AutoDeleteObjects")).isEmpty();
    }

    @Test
    void theOptionalTrailRecordsEveryDataEventOfTheUploadsBucketOnly() {
        JsonNode trail = SynthesizedStage.only(data, "AWS::CloudTrail::Trail").path("Properties");
        List<JsonNode> selectors = SynthesizedStage.items(trail.path("EventSelectors"));
        assertThat(selectors).hasSize(1);
        JsonNode selector = selectors.get(0);
        assertThat(selector.path("ReadWriteType").asText()).isEqualTo("All");
        assertThat(selector.path("IncludeManagementEvents").asBoolean()).isFalse();
        assertThat(selector.at("/DataResources/0/Type").asText()).isEqualTo("AWS::S3::Object");
        assertThat(selector.at("/DataResources/0/Values").toString())
                .contains(SynthesizedStage.logicalId(deployment.data().storage().bucket()));
        assertThat(trail.path("EnableLogFileValidation").asBoolean()).isTrue();
        assertThat(trail.path("IsMultiRegionTrail").asBoolean()).isFalse();
        assertThat(trail.at("/S3BucketName/Ref").asText())
                .isEqualTo(SynthesizedStage.logicalId(deployment.data().uploadsTrail().orElseThrow().logs()));
        assertThat(Annotations.fromStack(deployment.data()).findError("*", Match.stringLikeRegexp("AwsSolutions-.*")))
                .as("cdk-nag").isEmpty();
        assertThat(resources(SynthesizedStage.shared().template(SynthesizedStage.shared().deployment.data()),
                "AWS::CloudTrail::Trail")).as("off by default").isEmpty();
    }

    @Test
    void usersAreRetainedAndProtected() {
        JsonNode pool = SynthesizedStage.only(identity, "AWS::Cognito::UserPool");
        assertThat(pool.path("DeletionPolicy").asText()).isEqualTo("Retain");
        assertThat(pool.at("/Properties/DeletionProtection").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void aDevelopmentStageEmptiesItsBucketsOnDeletion() {
        JsonNode developmentData = SynthesizedStage.shared().template(SynthesizedStage.shared().deployment.data());
        assertThat(resources(developmentData, "Custom::S3AutoDeleteObjects")).hasSize(2);
    }
}
