package dev.persona.local.sts;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.persona.auth.CredentialsIssuer;
import dev.persona.auth.UploadSessionPolicy;
import dev.persona.aws.StsCredentialsIssuer;
import dev.persona.local.iam.TestIam;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.sts.model.PackedPolicyTooLargeException;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The STS endpoint through the unmodified SDK client and the project's own STS adapter. */
class LocalStsIT {

    private static final String BUCKET = "uploads-bucket";
    private static final String POLICY = UploadSessionPolicy.document("aws", "us-east-1", BUCKET, "dev_alice");
    private static final String UPLOADER = "arn:aws:iam::123456789012:role/persona-local-uploader";
    private static final String VENDOR = "arn:aws:sts::123456789012:assumed-role/persona-local-get-aws-credentials/"
            + "get-aws-credentials";

    @Test
    void assumeRoleAnswersCredentialsTheAssumedRoleAndThePackedSize() {
        try (LocalSts sts = sts(new MutableClock()); StsClient client = vendor(sts)) {
            Instant before = Instant.now();
            AssumeRoleResponse response = client.assumeRole(r -> r.roleArn(UPLOADER)
                    .roleSessionName("user-dev_alice").sourceIdentity("user-dev_alice").durationSeconds(900)
                    .policy(POLICY).tags(Tag.builder().key("userId").value("dev_alice").build()));

            Credentials credentials = response.credentials();
            assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20).matches("[A-Z0-9]+");
            assertThat(credentials.secretAccessKey()).hasSize(40);
            assertThat(credentials.sessionToken()).hasSizeGreaterThan(100);
            assertThat(credentials.expiration()).isCloseTo(before.plusSeconds(900), within(Duration.ofSeconds(5)));
            assertThat(response.assumedRoleUser().arn())
                    .isEqualTo("arn:aws:sts::123456789012:assumed-role/persona-local-uploader/user-dev_alice");
            assertThat(response.assumedRoleUser().assumedRoleId()).matches("AROA[A-Z2-7]{17}:user-dev_alice");
            assertThat(response.sourceIdentity()).isEqualTo("user-dev_alice");
            assertThat(response.packedPolicySize()).isBetween(1, 100);
        }
    }

    @Test
    void theProjectsStsAdapterGetsCredentialsForItsSessionRequest() {
        try (LocalSts sts = sts(new MutableClock()); StsClient client = vendor(sts)) {
            CredentialsIssuer issuer = new StsCredentialsIssuer(client, UPLOADER);

            CredentialsIssuer.TemporaryCredentials credentials = issuer.issue(new CredentialsIssuer.SessionRequest(
                    UploadSessionPolicy.sessionName("dev_alice"), POLICY, Duration.ofMinutes(15),
                    Map.of("userId", "dev_alice")));

            assertThat(credentials.accessKeyId()).startsWith("ASIA");
            assertThat(credentials.expiration()).isAfter(Instant.now().plusSeconds(800));
            try (StsClient asSession = clientWith(sts, AwsSessionCredentials.create(credentials.accessKeyId(),
                    credentials.secretAccessKey(), credentials.sessionToken()))) {
                GetCallerIdentityResponse identity = asSession.getCallerIdentity();
                assertThat(identity.arn())
                        .isEqualTo("arn:aws:sts::123456789012:assumed-role/persona-local-uploader/user-dev_alice");
                assertThat(identity.account()).isEqualTo("123456789012");
                assertThat(identity.userId()).endsWith(":user-dev_alice");
            }
        }
    }

    @Test
    void refusesBadPoliciesAndParametersAsStsDoes() {
        try (LocalSts sts = sts(new MutableClock()); StsClient client = vendor(sts)) {
            assertThatThrownBy(() -> client.assumeRole(r -> r.roleArn(UPLOADER).roleSessionName("s1")
                    .policy("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}}")))
                    .isInstanceOfSatisfying(MalformedPolicyDocumentException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(400));
            assertThatThrownBy(() -> client.assumeRole(r -> r.roleArn(UPLOADER).roleSessionName("s1")
                    .policy("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\","
                            + "\"Principal\":\"*\"}}")))
                    .isInstanceOf(MalformedPolicyDocumentException.class)
                    .hasMessageContaining("principal");

            List<Tag> tags = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                tags.add(Tag.builder().key("k" + i + "-".repeat(120)).value("v".repeat(256)).build());
            }
            assertThatThrownBy(() -> client.assumeRole(r -> r.roleArn(UPLOADER).roleSessionName("s1")
                    .policy(POLICY).tags(tags)))
                    .isInstanceOf(PackedPolicyTooLargeException.class);

            assertValidationError(() -> client.assumeRole(r -> r.roleArn(UPLOADER).roleSessionName("no spaces")));
            assertValidationError(() -> client.assumeRole(r -> r.roleArn(UPLOADER).roleSessionName("s1")
                    .durationSeconds(899)));
            assertValidationError(() -> client.assumeRole(r -> r.roleArn(UPLOADER).roleSessionName("s1")
                    .durationSeconds(7200)), "MaxSessionDuration");
            assertValidationError(() -> client.assumeRole(r -> r.roleArn(UPLOADER).roleSessionName("s1")
                    .policy("x".repeat(2049))));
            assertValidationError(() -> client.assumeRole(r -> r.roleArn(UPLOADER).roleSessionName("s1")
                    .externalId("secret")), "ExternalId");
            assertValidationError(() -> client.assumeRole(r -> r.roleArn(UPLOADER).roleSessionName("s1")
                    .sourceIdentity("aws:me")));

            assertThatThrownBy(() -> client.assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/unknown")
                    .roleSessionName("s1")))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: " + VENDOR
                                + " is not authorized to perform: sts:AssumeRole on resource: "
                                + "arn:aws:iam::123456789012:role/unknown");
                    });
        }
    }

    @Test
    void onlyCorrectlySignedRequestsOfKnownCallersAreServed() throws Exception {
        MutableClock clock = new MutableClock();
        try (LocalSts sts = sts(clock);
             StsClient stranger = clientWith(sts, AwsBasicCredentials.create("AKIASTRANGER", "whatever"));
             StsClient wrongSecret = clientWith(sts, AwsBasicCredentials.create(TestIam.ROOT_KEY, "not-the-secret"));
             StsClient client = clientWith(sts, AwsBasicCredentials.create(TestIam.ROOT_KEY, TestIam.ROOT_SECRET));
             StsClient vendor = vendor(sts)) {
            assertStsError(stranger::getCallerIdentity, 403, "InvalidClientTokenId");
            assertStsError(wrongSecret::getCallerIdentity, 403, "SignatureDoesNotMatch");
            assertThat(client.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::123456789012:root");
            assertThat(vendor.getCallerIdentity().arn()).isEqualTo(VENDOR);
            // AWS: the root user cannot assume roles; and only the vendor's role is trusted by the uploader role.
            assertStsError(() -> client.assumeRole(r -> r.roleArn(UPLOADER).roleSessionName("s0")), 403, "AccessDenied");

            HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sts.endpoint())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(403);
            assertThat(unsigned.body()).contains("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
                    .contains("<Type>Sender</Type>").contains("<Code>MissingAuthenticationToken</Code>");

            Credentials session = vendor.assumeRole(r -> r.roleArn(UPLOADER).roleSessionName("s1")
                    .durationSeconds(900)).credentials();
            try (StsClient withoutToken = clientWith(sts, AwsBasicCredentials.create(session.accessKeyId(),
                    session.secretAccessKey()));
                 StsClient asSession = clientWith(sts, AwsSessionCredentials.create(session.accessKeyId(),
                         session.secretAccessKey(), session.sessionToken()))) {
                assertStsError(withoutToken::getCallerIdentity, 403, "InvalidClientTokenId");
                assertStsError(() -> asSession.assumeRole(r -> r.roleArn(UPLOADER).roleSessionName("s2")),
                        403, "AccessDenied");

                clock.advance(Duration.ofMinutes(16));
                assertStsError(asSession::getCallerIdentity, 403, "ExpiredToken");
                assertStsError(client::getCallerIdentity, 403, "SignatureDoesNotMatch");
            }
        }
    }

    private static LocalSts sts(MutableClock clock) {
        return LocalSts.builder().iam(TestIam.iam(BUCKET, clock)).build().start();
    }

    /** A client signing as the credential vendor's execution role, the one role the uploader role trusts. */
    private static StsClient vendor(LocalSts sts) {
        return sts.client(sts.iam().credentialsOf(TestIam.vendor()));
    }

    private static StsClient clientWith(LocalSts sts, software.amazon.awssdk.auth.credentials.AwsCredentials credentials) {
        AwsCredentialsProvider provider = StaticCredentialsProvider.create(credentials);
        return StsClient.builder().endpointOverride(sts.endpoint()).region(sts.region()).credentialsProvider(provider)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static void assertValidationError(Runnable call, String... messageParts) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
            for (String part : messageParts) {
                assertThat(e.awsErrorDetails().errorMessage()).contains(part);
            }
        });
    }

    private static void assertStsError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }
}
