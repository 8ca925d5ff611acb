package dev.persona.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.persona.signing.RotationSecrets;
import dev.persona.signing.SecretValues;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** {@link SecretValues} and {@link RotationSecrets} on Secrets Manager with the SDK v2 client. */
public final class SecretsManagerSecrets implements SecretValues, RotationSecrets {

    private final SecretsManagerClient secrets;

    public SecretsManagerSecrets(SecretsManagerClient secrets) {
        this.secrets = secrets;
    }

    @Override
    public String current(String secretArn) {
        return currentValue(secretArn);
    }

    @Override
    public Description describe(String secretArn) {
        DescribeSecretResponse response = secrets.describeSecret(describe -> describe.secretId(secretArn));
        Map<String, List<String>> versions = response.versionIdsToStages().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> List.copyOf(entry.getValue())));
        return new Description(Boolean.TRUE.equals(response.rotationEnabled()), versions);
    }

    @Override
    public Optional<String> value(String secretArn, String versionId, String stage) {
        try {
            return Optional.ofNullable(secrets.getSecretValue(get -> get.secretId(secretArn).versionId(versionId)
                    .versionStage(stage)).secretString());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public String currentValue(String secretArn) {
        return secrets.getSecretValue(get -> get.secretId(secretArn).versionStage("AWSCURRENT")).secretString();
    }

    @Override
    public void putPending(String secretArn, String token, String value) {
        secrets.putSecretValue(put -> put.secretId(secretArn).clientRequestToken(token).secretString(value)
                .versionStages("AWSPENDING"));
    }

    @Override
    public void makeCurrent(String secretArn, String token, String currentVersionId) {
        secrets.updateSecretVersionStage(update -> update.secretId(secretArn).versionStage("AWSCURRENT")
                .moveToVersionId(token).removeFromVersionId(currentVersionId));
    }
}
