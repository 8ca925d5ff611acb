package dev.persona.signing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.aws.AwsClients;
import dev.persona.aws.CloudFrontPublicKeys;
import dev.persona.aws.SecretsManagerSecrets;
import dev.persona.config.Environment;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.FunctionSettings;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.json.Json;
import dev.persona.logging.LogContext;
import dev.persona.logging.StructuredLogger;
import dev.persona.metrics.ColdStart;
import dev.persona.snapstart.Priming;
import dev.persona.snapstart.PrimingEvents;
import dev.persona.snapstart.StepPriming;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The rotation function of the download signing key's secret: Secrets Manager invokes it with
 * {@code {"SecretId", "ClientRequestToken", "Step"}} for each of the four steps ({@link SigningKeyRotation}). A step
 * that fails fails the invocation, and so the rotation, which Secrets Manager reports and may run again.
 *
 * <p>The local runtime builds it with {@code new SigningKeyRotationHandler(Environment.of(...), secrets, cloudFront)}.
 */
public final class SigningKeyRotationHandler implements RequestStreamHandler {

    private static final StructuredLogger LOG = StructuredLogger.of(SigningKeyRotationHandler.class);

    private final SigningKeyRotation rotation;
    private final ColdStart coldStart = new ColdStart();
    /** Held here: CRaC keeps resources only weakly. */
    private final Priming priming;

    public SigningKeyRotationHandler() {
        this(Environment.system(), AwsClients.secretsManager(), AwsClients.cloudFront());
    }

    /**
     * The function's composition; registers its SnapStart priming: a twin on priming clients (Secrets Manager and
     * CloudFront answered in this process) runs a step for a secret that has no rotation, which it refuses. No key
     * is generated, read or registered while priming.
     */
    public SigningKeyRotationHandler(Environment environment, SecretsManagerClient secretsManager,
            CloudFrontClient cloudFront) {
        this(environment, secretsManager, cloudFront, true);
    }

    private SigningKeyRotationHandler(Environment environment, SecretsManagerClient secretsManager,
            CloudFrontClient cloudFront, boolean primed) {
        this.rotation = new SigningKeyRotation(new SecretsManagerSecrets(secretsManager),
                new CloudFrontPublicKeys(cloudFront), environment.required(EnvironmentVariables.DOWNLOAD_KEY_GROUP_ID),
                Duration.ofSeconds(environment.longValue(EnvironmentVariables.DOWNLOAD_URL_TTL_SECONDS,
                        FunctionSettings.DOWNLOAD_URL_TTL_SECONDS)),
                Duration.ofSeconds(environment.longValue(EnvironmentVariables.SIGNING_KEY_REFRESH_SECONDS,
                        FunctionSettings.SIGNING_KEY_REFRESH_SECONDS)),
                Clock.systemUTC());
        this.priming = primed ? Priming.register(LambdaFunctions.SIGNING_KEY_ROTATION.id(), environment,
                clients -> StepPriming.run(new SigningKeyRotationHandler(environment, clients.secretsManager(),
                        clients.cloudFront(), false), PrimingEvents.rotationStep("createSecret"),
                        SigningKeyRotation.RotationException.class)) : null;
    }

    /** The SnapStart priming registered by the composition constructor (null for the priming twin). */
    public Priming priming() {
        return priming;
    }

    @Override
    @SuppressWarnings("try")
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        coldStart.invoked(context);
        JsonNode event = Json.MAPPER.readTree(input);
        String secret = event.path("SecretId").asText();
        String token = event.path("ClientRequestToken").asText();
        String step = event.path("Step").asText();
        try (LogContext scope = LogContext.with("requestId", context == null ? null : context.getAwsRequestId(),
                "step", step)) {
            LOG.info("rotation step", "token", token);
            rotation.run(secret, token, step);
        }
        output.write("null".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
