package dev.persona.signing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.persona.api.testing.LocalAws;
import dev.persona.api.testing.MutableClock;
import dev.persona.aws.CloudFrontPublicKeys;
import dev.persona.aws.SecretsManagerSecrets;
import dev.persona.contracts.SigningKeys;
import dev.persona.local.servers.LocalCdn;
import dev.persona.local.servers.LocalCloudFront;
import dev.persona.local.servers.LocalSecretsManager;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four-step rotation of the download signing key through the unmodified SDK clients against the local Secrets
 * Manager and CloudFront key API, with the local download distribution checking URLs: the bootstrap rotation writes
 * the first key; after a rotation old URLs keep working and new ones use the new key; a later rotation, once the
 * retirement period passed, takes the retired keys (and the keyless placeholder) out of the key group.
 */
class SigningKeyRotationIT {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));
    private static final String GROUP = "rotation-test-group";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void oldUrlsWorkUntilTheyExpireAndRetiredKeysLeaveTheGroup() throws Exception {
        LocalAws aws = LocalAws.shared();
        MutableClock clock = new MutableClock(Instant.now());
        aws.s3().putObject(put -> put.bucket(LocalAws.BUCKET).key("files/rotation/f/doc.txt"),
                RequestBody.fromString("signed content"));
        try (LocalCloudFront cloudFront = LocalCloudFront.builder().clock(clock)
                .keyGroup(GROUP, "rotation-test", SigningKeys.PLACEHOLDER_PUBLIC_KEY).build().start();
             CloudFrontClient cloudFrontClient = cloudFront.client(CREDENTIALS);
             LocalCdn cdn = LocalCdn.builder().trustedKeyGroup(GROUP, cloudFront::trustedKey)
                     .origin(aws.s3(), LocalAws.BUCKET).build().start()) {
            SecretsManagerClient[] secrets = new SecretsManagerClient[1];
            try (LocalSecretsManager manager = LocalSecretsManager.builder().rotationInvoker((function, event) -> {
                var json = dev.persona.json.Json.MAPPER.readTree(event);
                new SigningKeyRotation(new SecretsManagerSecrets(secrets[0]), new CloudFrontPublicKeys(cloudFrontClient),
                        GROUP, Duration.ofMinutes(5), Duration.ofMinutes(5), clock)
                        .run(json.get("SecretId").asText(), json.get("ClientRequestToken").asText(),
                                json.get("Step").asText());
            }).build().start();
                 SecretsManagerClient client = manager.client(CREDENTIALS)) {
                secrets[0] = client;
                String arn = client.createSecret(c -> c.name("signing").secretString(SigningKeys.BOOTSTRAP_VALUE)).arn();
                DownloadSigner signer = new DownloadSigner(new CachedSigningKey(new SecretsManagerSecrets(client), arn,
                        Duration.ZERO, Clock.systemUTC()), cdn.endpoint(), Duration.ofMinutes(5), Clock.systemUTC());
                String key = "files/rotation/f/doc.txt";

                rotate(client, manager, arn);
                String firstKey = keyPairId(signer.sign(key).url());
                List<String> afterBootstrap = cloudFront.groupItems(GROUP);
                assertThat(afterBootstrap).hasSize(2).contains(firstKey);
                String oldUrl = signer.sign(key).url();
                assertThat(status(oldUrl)).isEqualTo(200);

                clock.advance(Duration.ofMinutes(1));
                rotate(client, manager, arn);
                String newUrl = signer.sign(key).url();
                String secondKey = keyPairId(newUrl);
                assertThat(secondKey).as("new URLs use the new key").isNotEqualTo(firstKey);
                assertThat(status(newUrl)).isEqualTo(200);
                assertThat(status(oldUrl)).as("the old key is still trusted").isEqualTo(200);
                assertThat(cloudFront.groupItems(GROUP)).as("the placeholder's successor is too recent")
                        .hasSize(3).contains(firstKey, secondKey);

                clock.advance(Duration.ofMinutes(16));
                rotate(client, manager, arn);
                String thirdKey = keyPairId(signer.sign(key).url());
                assertThat(cloudFront.groupItems(GROUP)).as("retired longer than URLs live: removed")
                        .containsExactlyInAnyOrder(secondKey, thirdKey);
                assertThat(status(oldUrl)).as("a URL of a removed key").isEqualTo(403);
                assertThat(status(newUrl)).as("the key just retired still serves its URLs").isEqualTo(200);
                assertThat(cloudFrontClient.listPublicKeys(l -> { }).publicKeyList().items())
                        .extracting(summary -> summary.id()).doesNotContain(firstKey)
                        .as("the placeholder, created with the stack, is kept (out of the group)").hasSize(3);
            }
        }
    }

    private static void rotate(SecretsManagerClient client, LocalSecretsManager manager, String arn) {
        client.rotateSecret(rotate -> rotate.secretId(arn).rotationLambdaARN("arn:aws:lambda:us-east-1:1:function:r"));
        manager.awaitRotations();
        assertThat(manager.lastRotationError("signing")).isEmpty();
    }

    private static String keyPairId(String url) {
        return url.replaceAll(".*Key-Pair-Id=([A-Z0-9]+).*", "$1");
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
