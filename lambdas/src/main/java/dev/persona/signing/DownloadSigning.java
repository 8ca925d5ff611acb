package dev.persona.signing;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import dev.persona.aws.SecretsManagerSecrets;
import dev.persona.config.Environment;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.FunctionSettings;
import dev.persona.snapstart.Priming;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The download signer a function composes from its environment: the key's secret, the distribution, the lifetimes. */
public final class DownloadSigning {

    private DownloadSigning() {
    }

    /**
     * Reads the signing key now (an on-demand cold start), through {@code secretsManager}. During the init that ends
     * in a SnapStart snapshot it is not read: each restored function reads it on its first download, so no snapshot
     * holds the key.
     */
    public static DownloadSigner fromEnvironment(Environment environment, SecretsManagerClient secretsManager,
            Clock clock) {
        CachedSigningKey keys = new CachedSigningKey(new SecretsManagerSecrets(secretsManager),
                environment.required(EnvironmentVariables.SIGNING_KEY_SECRET_ARN),
                Duration.ofSeconds(environment.longValue(EnvironmentVariables.SIGNING_KEY_REFRESH_SECONDS,
                        FunctionSettings.SIGNING_KEY_REFRESH_SECONDS)), clock, !Priming.isSnapshotInit(environment));
        return new DownloadSigner(keys, URI.create(environment.required(EnvironmentVariables.DOWNLOAD_BASE_URL)),
                Duration.ofSeconds(environment.longValue(EnvironmentVariables.DOWNLOAD_URL_TTL_SECONDS,
                        FunctionSettings.DOWNLOAD_URL_TTL_SECONDS)), clock);
    }
}
