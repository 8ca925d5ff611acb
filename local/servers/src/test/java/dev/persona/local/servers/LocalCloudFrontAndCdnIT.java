package dev.persona.local.servers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontUtilities;
import software.amazon.awssdk.services.cloudfront.model.CannedSignerRequest;
import software.amazon.awssdk.services.cloudfront.model.CustomSignerRequest;
import software.amazon.awssdk.services.cloudfront.model.GetKeyGroupResponse;
import software.amazon.awssdk.services.cloudfront.model.NoSuchPublicKeyException;
import software.amazon.awssdk.services.cloudfront.model.PreconditionFailedException;
import software.amazon.awssdk.services.cloudfront.model.PublicKeyInUseException;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local CloudFront key API with the unmodified SDK client, and the local distribution verifying URLs the SDK's
 * own {@link CloudFrontUtilities} signs: valid ones are served from S3, others get CloudFront's 403s.
 */
class LocalCloudFrontAndCdnIT {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void keysJoinAndLeaveTheGroupAndSignedUrlsWorkOnlyWhileTrusted() throws Exception {
        KeyPair pair = rsa();
        try (LocalCloudFront cloudFront = LocalCloudFront.builder().keyGroup("group-1", "downloads", pem(rsa())).build()
                .start();
             CloudFrontClient client = cloudFront.client(CREDENTIALS);
             LocalS3Server s3 = LocalS3Server.builder().bucket("files").build().start();
             S3Client s3Client = s3.client();
             LocalCdn cdn = LocalCdn.builder().trustedKeyGroup("group-1", cloudFront::trustedKey)
                     .origin(s3Client, "files").build().start()) {
            s3Client.putObject(put -> put.bucket("files").key("files/u/f/a b.txt").contentType("text/plain"),
                    RequestBody.fromString("hello"));
            String id = client.createPublicKey(create -> create.publicKeyConfig(config -> config.name("rotation-1")
                    .callerReference("token-1").encodedKey(pem(pair)))).publicKey().id();
            assertThat(id).matches("K[A-Z0-9]{13}");
            String url = cdn.endpoint() + "/files/u/f/a%20b.txt";

            assertThat(get(signed(url, pair, id, Instant.now().plusSeconds(300))).body()).contains("Unknown Key");

            GetKeyGroupResponse group = client.getKeyGroup(get -> get.id("group-1"));
            List<String> items = new java.util.ArrayList<>(group.keyGroup().keyGroupConfig().items());
            items.add(id);
            client.updateKeyGroup(update -> update.id("group-1").ifMatch(group.eTag())
                    .keyGroupConfig(group.keyGroup().keyGroupConfig().toBuilder().items(items).build()));
            assertThatThrownBy(() -> client.updateKeyGroup(update -> update.id("group-1").ifMatch(group.eTag())
                    .keyGroupConfig(group.keyGroup().keyGroupConfig()))).isInstanceOf(PreconditionFailedException.class);

            HttpResponse<String> served = get(signed(url, pair, id, Instant.now().plusSeconds(300)));
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).isEqualTo("hello");
            assertThat(served.headers().firstValue("Content-Type")).contains("text/plain");

            HttpResponse<String> expired = get(signed(url, pair, id, Instant.now().minusSeconds(1)));
            assertThat(expired.statusCode()).isEqualTo(403);
            assertThat(expired.body()).contains("<Code>AccessDenied</Code>").contains("Access denied");
            String good = signed(url, pair, id, Instant.now().plusSeconds(300));
            assertThat(get(good.replace("a%20b.txt", "other.txt")).statusCode()).as("another object").isEqualTo(403);
            assertThat(get(good.replaceAll("Expires=\\d+", "Expires=" + (Instant.now().getEpochSecond() + 9999)))
                    .statusCode()).as("a longer life").isEqualTo(403);
            assertThat(get(good.replace("Signature=", "Signature=AAAA")).statusCode()).isEqualTo(403);
            assertThat(get(url).body()).contains("Missing Key-Pair-Id query parameter or cookie value");

            String custom = CloudFrontUtilities.create().getSignedUrlWithCustomPolicy(CustomSignerRequest.builder()
                    .resourceUrl(cdn.endpoint() + "/files/u/*").privateKey(pair.getPrivate()).keyPairId(id)
                    .expirationDate(Instant.now().plusSeconds(60)).build()).url()
                    .replace(cdn.endpoint() + "/files/u/*", url);
            assertThat(get(custom).statusCode()).as("a custom policy with a wildcard").isEqualTo(200);

            assertThatThrownBy(() -> client.deletePublicKey(delete -> delete.id(id)
                    .ifMatch(client.getPublicKey(get -> get.id(id)).eTag()))).isInstanceOf(PublicKeyInUseException.class);
            GetKeyGroupResponse now = client.getKeyGroup(get -> get.id("group-1"));
            client.updateKeyGroup(update -> update.id("group-1").ifMatch(now.eTag()).keyGroupConfig(
                    now.keyGroup().keyGroupConfig().toBuilder().items(now.keyGroup().keyGroupConfig().items().get(0))
                            .build()));
            client.deletePublicKey(delete -> delete.id(id).ifMatch(client.getPublicKey(get -> get.id(id)).eTag()));
            assertThat(get(signed(url, pair, id, Instant.now().plusSeconds(300))).body()).contains("Unknown Key");
            assertThatThrownBy(() -> client.getPublicKey(get -> get.id(id))).isInstanceOf(NoSuchPublicKeyException.class);
        }
    }

    private static String signed(String url, KeyPair pair, String id, Instant expires) {
        return CloudFrontUtilities.create().getSignedUrlWithCannedPolicy(CannedSignerRequest.builder()
                .resourceUrl(url).privateKey(pair.getPrivate()).keyPairId(id)
                .expirationDate(expires.truncatedTo(ChronoUnit.SECONDS)).build()).url();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String pem(KeyPair pair) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }
}
