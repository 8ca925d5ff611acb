package dev.persona.local.servers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local Secrets Manager with the unmodified SDK client: values, stages, rotation, refusals. */
class LocalSecretsManagerIT {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret"));

    @Test
    void versionsMoveBetweenStagesAsSecretsManagerMovesThem() {
        try (LocalSecretsManager server = LocalSecretsManager.builder().build().start();
             SecretsManagerClient client = server.client(CREDENTIALS)) {
            String arn = client.createSecret(create -> create.name("app/key").secretString("one")).arn();
            assertThat(arn).matches("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/key-[A-Za-z0-9]{6}");
            assertThat(client.getSecretValue(get -> get.secretId("app/key")).secretString()).isEqualTo("one");

            client.putSecretValue(put -> put.secretId(arn).clientRequestToken("v2-token-0000000000000000000000000")
                    .secretString("two").versionStages("AWSPENDING"));
            assertThat(client.getSecretValue(get -> get.secretId(arn)).secretString()).as("still current").isEqualTo("one");
            assertThat(client.getSecretValue(get -> get.secretId(arn).versionStage("AWSPENDING")).secretString())
                    .isEqualTo("two");
            assertThatThrownBy(() -> client.putSecretValue(put -> put.secretId(arn)
                    .clientRequestToken("v2-token-0000000000000000000000000").secretString("other")))
                    .isInstanceOf(ResourceExistsException.class);

            String current = versionWith(client.describeSecret(d -> d.secretId(arn)), "AWSCURRENT");
            assertThatThrownBy(() -> client.updateSecretVersionStage(u -> u.secretId(arn).versionStage("AWSCURRENT")
                    .moveToVersionId("v2-token-0000000000000000000000000")))
                    .isInstanceOf(SecretsManagerException.class).hasMessageContaining("RemoveFromVersionId");
            client.updateSecretVersionStage(u -> u.secretId(arn).versionStage("AWSCURRENT")
                    .moveToVersionId("v2-token-0000000000000000000000000").removeFromVersionId(current));

            assertThat(client.getSecretValue(get -> get.secretId(arn)).secretString()).isEqualTo("two");
            assertThat(client.getSecretValue(get -> get.secretId(arn).versionStage("AWSPREVIOUS")).secretString())
                    .isEqualTo("one");
            assertThatThrownBy(() -> client.getSecretValue(get -> get.secretId("nothing")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> client.deleteSecret(delete -> delete.secretId(arn)))
                    .isInstanceOf(SecretsManagerException.class).hasMessageContaining("does not implement");
        }
    }

    @Test
    void aRotationRunsTheFourStepsInOrderAndEndsWithTheNewVersionCurrent() {
        List<String> steps = new ArrayList<>();
        LocalSecretsManager[] self = new LocalSecretsManager[1];
        try (LocalSecretsManager server = LocalSecretsManager.builder().rotationInvoker((function, event) -> {
            steps.add(function + " " + event.replaceAll(".*\"Step\":\"(\\w+)\".*", "$1"));
            if (event.contains("\"createSecret\"")) {
                try (SecretsManagerClient client = self[0].client(CREDENTIALS)) {
                    String token = event.replaceAll(".*\"ClientRequestToken\":\"([^\"]+)\".*", "$1");
                    assertThatThrownBy(() -> client.getSecretValue(get -> get.secretId("rotated").versionId(token)
                            .versionStage("AWSPENDING"))).isInstanceOf(ResourceNotFoundException.class);
                    client.putSecretValue(put -> put.secretId("rotated").clientRequestToken(token)
                            .secretString("rotated value").versionStages("AWSPENDING"));
                }
            }
            if (event.contains("\"finishSecret\"")) {
                try (SecretsManagerClient client = self[0].client(CREDENTIALS)) {
                    DescribeSecretResponse description = client.describeSecret(d -> d.secretId("rotated"));
                    client.updateSecretVersionStage(u -> u.secretId("rotated").versionStage("AWSCURRENT")
                            .moveToVersionId(versionWith(description, "AWSPENDING"))
                            .removeFromVersionId(versionWith(description, "AWSCURRENT")));
                }
            }
        }).build().start();
             SecretsManagerClient client = server.client(CREDENTIALS)) {
            self[0] = server;
            client.createSecret(create -> create.name("rotated").secretString("first"));
            client.rotateSecret(rotate -> rotate.secretId("rotated").rotationLambdaARN("arn:aws:lambda:f:live")
                    .rotationRules(rules -> rules.automaticallyAfterDays(30L)));
            server.awaitRotations();

            assertThat(steps).containsExactly("arn:aws:lambda:f:live createSecret", "arn:aws:lambda:f:live setSecret",
                    "arn:aws:lambda:f:live testSecret", "arn:aws:lambda:f:live finishSecret");
            assertThat(client.getSecretValue(get -> get.secretId("rotated")).secretString()).isEqualTo("rotated value");
            DescribeSecretResponse description = client.describeSecret(d -> d.secretId("rotated"));
            assertThat(description.rotationEnabled()).isTrue();
            assertThat(description.lastRotatedDate()).isNotNull();
            assertThat(description.versionIdsToStages().values()).noneMatch(stages -> stages.contains("AWSPENDING"));
        }
    }

    @Test
    void aFailedStepLeavesTheRotationUnfinishedAndAnotherIsRefused() {
        try (LocalSecretsManager server = LocalSecretsManager.builder().rotationInvoker((function, event) -> {
            throw new IllegalStateException("step failed");
        }).build().start();
             SecretsManagerClient client = server.client(CREDENTIALS)) {
            client.createSecret(create -> create.name("stuck").secretString("v"));
            client.rotateSecret(rotate -> rotate.secretId("stuck").rotationLambdaARN("arn:aws:lambda:f"));
            server.awaitRotations();

            assertThat(server.lastRotationError("stuck")).contains("createSecret: step failed");
            assertThat(client.getSecretValue(get -> get.secretId("stuck")).secretString()).isEqualTo("v");
            assertThatThrownBy(() -> client.rotateSecret(rotate -> rotate.secretId("stuck")))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("previous rotation");
        }
    }

    @Test
    void theGateDecidesEveryRequestWithTheKmsKeyThroughSecretsManager() {
        List<String> asked = new ArrayList<>();
        AwsRequestGate gate = (request, service, needs) -> {
            needs.forEach(need -> asked.add(service + " " + need.action() + " " + need.context()));
            if (needs.stream().anyMatch(need -> need.action().equals("kms:Decrypt"))) {
                throw new AwsRequestGate.AwsGateException(AwsRequestGate.AwsGateException.Reason.ACCESS_DENIED,
                        "Access to KMS is not allowed");
            }
        };
        try (LocalSecretsManager server = LocalSecretsManager.builder().gate(gate).build().start();
             SecretsManagerClient client = server.client(CREDENTIALS)) {
            client.createSecret(create -> create.name("encrypted").kmsKeyId("arn:aws:kms:us-east-1:1:key/k")
                    .secretString("v"));
            assertThatThrownBy(() -> client.getSecretValue(get -> get.secretId("encrypted")))
                    .isInstanceOf(SecretsManagerException.class)
                    .satisfies(e -> assertThat(((SecretsManagerException) e).awsErrorDetails().errorCode())
                            .isEqualTo("AccessDeniedException"));
            assertThat(asked).contains("secretsmanager kms:GenerateDataKey "
                    + Map.of("kms:ViaService", "secretsmanager.us-east-1.amazonaws.com"));
        }
    }

    private static String versionWith(DescribeSecretResponse description, String stage) {
        return description.versionIdsToStages().entrySet().stream().filter(entry -> entry.getValue().contains(stage))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }
}
