package dev.persona.local.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.SigningKeys;
import dev.persona.local.runtime.Endpoints;
import dev.persona.local.runtime.LocalFunctions;
import dev.persona.local.runtime.PersonaLocalRuntime;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code persona-local rotate-signing-key}: RotateSecret of the download signing key's secret on the running stack,
 * as the rotation schedule starts it in the cloud, then waits for the four steps to end.
 */
final class RotateSigningKeyCommand extends Command {

    static final String HELP = """
            Usage: persona-local rotate-signing-key

            Rotates the key that signs download URLs on the running stack ('persona-local up'), as its rotation
            schedule does in the cloud: Secrets Manager runs the rotation function's four steps (a new RSA key
            pair, its public key added to the download key group, signing switched to it, keys retired longer
            than a URL lives removed from the group). URLs signed before keep working until they expire.

            Options:
              --help  show this help

            Exit status: 0 when the rotation finished, with the new key pair id on standard output; 1 when no stack
            is running or the rotation failed or did not end within a minute.
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofMinutes(1);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Path endpointsFile;

    RotateSigningKeyCommand(PrintStream out, PrintStream err, Path endpointsFile) {
        super(out, err, HELP, Set.of(), 0);
        this.endpointsFile = endpointsFile;
    }

    @Override
    int run(Options options) {
        Optional<Endpoints> stack = Endpoints.read(endpointsFile).filter(Endpoints::isLive);
        if (stack.isEmpty()) {
            err.println("persona-local rotate-signing-key: no stack is running (start one with ./persona-local up)");
            return PersonaLocal.FAILED;
        }
        String secret = stack.get().signingKeySecretArn();
        try (LocalFunctions.Clients clients = stack.get().clients()) {
            SecretsManagerClient secrets = clients.secretsManager();
            String before = keyPairId(secrets, secret);
            secrets.rotateSecret(rotate -> rotate.secretId(secret).rotationLambdaARN(
                    PersonaLocalRuntime.resourceNames().functionAliasArn(LambdaFunctions.SIGNING_KEY_ROTATION)));
            Instant deadline = Instant.now().plus(LIMIT);
            while (pending(secrets, secret)) {
                if (Instant.now().isAfter(deadline)) {
                    err.println("persona-local rotate-signing-key: the rotation did not end within "
                            + LIMIT.toSeconds() + " s (see the stack's log)");
                    return PersonaLocal.FAILED;
                }
                Thread.sleep(POLL);
            }
            String after = keyPairId(secrets, secret);
            if (after.equals(before)) {
                err.println("persona-local rotate-signing-key: the rotation failed; signing still uses " + before
                        + " (see the stack's log)");
                return PersonaLocal.FAILED;
            }
            out.println("Download URLs are now signed with " + after + " (before: " + before + ")");
            return PersonaLocal.OK;
        } catch (SdkException e) {
            err.println("persona-local rotate-signing-key: " + e.getMessage());
            return PersonaLocal.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PersonaLocal.FAILED;
        }
    }

    /** Whether a version is still staged AWSPENDING: the rotation has not finished (or it failed). */
    private static boolean pending(SecretsManagerClient secrets, String secret) {
        return secrets.describeSecret(describe -> describe.secretId(secret)).versionIdsToStages().values().stream()
                .anyMatch(stages -> stages.contains("AWSPENDING"));
    }

    private static String keyPairId(SecretsManagerClient secrets, String secret) {
        try {
            return JSON.readTree(secrets.getSecretValue(get -> get.secretId(secret)).secretString())
                    .path(SigningKeys.KEY_PAIR_ID).asText("none");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
