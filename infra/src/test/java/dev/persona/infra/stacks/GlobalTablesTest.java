package dev.persona.infra.stacks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.TableDefinition;
import dev.persona.contracts.Tables;
import dev.persona.infra.SynthesizedStage;
import dev.persona.infra.TestStages;
import dev.persona.infra.config.StageConfigReader;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

import static dev.persona.infra.SynthesizedStage.items;
import static dev.persona.infra.SynthesizedStage.logicalId;
import static dev.persona.infra.SynthesizedStage.only;
import static dev.persona.infra.SynthesizedStage.resources;
import static org.assertj.core.api.Assertions.assertThat;

/** The optional stage feature {@code tableReplicaRegions}: every table a global table replicated to those regions. */
class GlobalTablesTest {

    private static final String HOME_REGION = "eu-west-1";
    private static final List<String> REPLICA_REGIONS = List.of("eu-central-1", "us-east-2");
    private static final SynthesizedStage STAGE = SynthesizedStage.of(replicatedProductionStage());
    private static final JsonNode DATA = STAGE.template(STAGE.deployment.data());

    private static dev.persona.infra.config.StageConfig replicatedProductionStage() {
        Map<String, Object> settings = new HashMap<>(TestStages.settings());
        settings.put("production", true);
        settings.put("account", "111122223333");
        settings.put("region", HOME_REGION);
        settings.put("tableReplicaRegions", REPLICA_REGIONS);
        return StageConfigReader.read(TestStages.STAGE, Map.of(TestStages.STAGE, settings));
    }

    private static JsonNode table(TableDefinition definition) {
        return DATA.path("Resources").path(logicalId(STAGE.deployment.data().table(definition).table()))
                .path("Properties");
    }

    @Test
    void everyTableHasAReplicaInItsOwnRegionAndEachReplicaRegion() {
        for (TableDefinition definition : Tables.ALL) {
            List<JsonNode> replicas = items(table(definition).path("Replicas"));
            assertThat(replicas).as(definition.id()).extracting(replica -> replica.path("Region").asText())
                    .containsExactlyInAnyOrder(HOME_REGION, REPLICA_REGIONS.get(0), REPLICA_REGIONS.get(1));
            assertThat(replicas).as(definition.id() + ": each replica recovers to a point in time and is protected")
                    .allSatisfy(replica -> {
                        assertThat(replica.at("/PointInTimeRecoverySpecification/PointInTimeRecoveryEnabled")
                                .asBoolean()).isTrue();
                        assertThat(replica.path("DeletionProtectionEnabled").asBoolean()).isTrue();
                    });
            assertThat(STAGE.deployment.data().table(definition).replicaRegions()).isEqualTo(REPLICA_REGIONS);
        }
        assertThat(resources(DATA, "AWS::DynamoDB::GlobalTable").values()).hasSize(Tables.ALL.size())
                .allSatisfy(table -> assertThat(table.path("DeletionPolicy").asText()).isEqualTo("Retain"));
    }

    @Test
    void everyReplicatedTableStreamsNewAndOldImages() {
        // CloudFormation: a global table with more than one replica must declare its stream, and can no longer
        // change it; replication carries new and old images.
        for (TableDefinition definition : Tables.ALL) {
            assertThat(table(definition).at("/StreamSpecification/StreamViewType").asText())
                    .as(definition.id()).isEqualTo("NEW_AND_OLD_IMAGES");
        }
    }

    @Test
    void theFileStreamConsumerStillReadsTheStreamOfTheFilesTableInTheHomeRegion() {
        JsonNode mapping = only(STAGE.template(STAGE.deployment.backend()), "AWS::Lambda::EventSourceMapping");
        assertThat(mapping.at("/Properties/EventSourceArn").toString())
                .contains(logicalId(STAGE.deployment.data().table(Tables.FILES).table()))
                .contains("StreamArn");
    }

    @Test
    void theReplicatedStageIsCdkNagClean() {
        for (Stack stack : STAGE.templates().keySet()) {
            assertThat(Annotations.fromStack(stack).findError("*", Match.anyValue()))
                    .as(stack.getStackName()).extracting(message -> message.getEntry().getData()).isEmpty();
            assertThat(Annotations.fromStack(stack).findWarning("*", Match.anyValue()))
                    .as(stack.getStackName()).extracting(message -> message.getEntry().getData()).isEmpty();
        }
    }
}
