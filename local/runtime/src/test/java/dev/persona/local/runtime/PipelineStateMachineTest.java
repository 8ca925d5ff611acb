package dev.persona.local.runtime;

import java.net.URI;
import java.nio.file.Path;

import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.StateMachineRecord;
import dev.persona.local.stepfunctions.StateMachineType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Deploying the pipeline onto a data directory that kept it from an earlier run, as a deployment updates it. */
class PipelineStateMachineTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/persona-pipeline-state-machine";

    @TempDir
    Path data;

    @Test
    void aKeptStateMachineIsFoundWhenUnchangedAndUpdatedWhenItsDefinitionOrRoleChanged() {
        String arn;
        try (LocalStepFunctions stepFunctions = LocalStepFunctions.builder().dataDirectory(data).build()) {
            arn = stepFunctions.createStateMachine(PipelineStateMachine.NAME,
                    "{\"StartAt\": \"Old\", \"States\": {\"Old\": {\"Type\": \"Pass\", \"End\": true}}}",
                    "arn:aws:iam::123456789012:role/old", StateMachineType.STANDARD).arn();
        }
        try (DynamoDbClient unused = DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create()).build();
             LocalStepFunctions stepFunctions = LocalStepFunctions.builder().dataDirectory(data).dynamoDb(unused)
                     .build()) {
            StateMachineRecord deployed = PipelineStateMachine.deploy(stepFunctions, "persona-jobs", ROLE);

            assertThat(deployed.arn()).isEqualTo(arn);
            assertThat(deployed.roleArn()).isEqualTo(ROLE);
            assertThat(deployed.definition().machine().states()).containsKeys("RegisterJob", "ResumeAfterRedrive");
            String revision = deployed.revisionId();
            assertThat(PipelineStateMachine.deploy(stepFunctions, "persona-jobs", ROLE).revisionId())
                    .as("unchanged").isEqualTo(revision);
            assertThat(PipelineStateMachine.deploy(stepFunctions, "persona-jobs", ROLE + "-2").roleArn())
                    .isEqualTo(ROLE + "-2");
        }
    }
}
