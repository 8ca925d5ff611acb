package dev.persona.local.sts;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import dev.persona.auth.UploadCredentialsService;
import dev.persona.auth.UploadCredentialsService.UploadCredentials;
import dev.persona.aws.S3PostPolicy;
import dev.persona.aws.StsCredentialsIssuer;
import dev.persona.contracts.iam.PermissionModel;
import dev.persona.local.iam.LocalIam;
import dev.persona.local.iam.S3Gate;
import dev.persona.local.iam.TestIam;
import dev.persona.local.servers.LocalS3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Credentials vended by the project's own {@link UploadCredentialsService} through the local STS, used
 * against the local S3 with the unmodified SDK: they do exactly what the session policy allows.
 */
class SessionCredentialsS3IT {

    private static final String BUCKET = "persona-uploads";
    private static final int PART = 5 * 1024 * 1024;

    private static MutableClock clock;
    private static LocalIam iam;
    private static LocalSts sts;
    private static LocalS3Server s3;
    private static StsClient stsClient;
    private static S3Client owner;
    private static UploadCredentialsService vendor;

    @BeforeAll
    static void start() {
        clock = new MutableClock();
        iam = TestIam.iam(BUCKET, clock);
        sts = LocalSts.builder().iam(iam).build().start();
        s3 = gatedS3(iam);
        stsClient = sts.client(iam.credentialsOf(TestIam.vendor()));
        owner = s3.client();
        vendor = vendor(iam, stsClient);
    }

    /** The local S3 as the runtime runs it: the IAM gate in front, the account's own credentials for the owner. */
    static LocalS3Server gatedS3(LocalIam iam) {
        S3Gate gate = new S3Gate(iam, Map.of(BUCKET, iam.names().bucketKeyArn()));
        return LocalS3Server.builder().bucket(BUCKET).versioning(true).credentials(TestIam.ROOT_KEY, TestIam.ROOT_SECRET)
                .requestGate(gate).accessKeys(gate).build().start();
    }

    private static UploadCredentialsService vendor(LocalIam iam, StsClient client) {
        return new UploadCredentialsService(new StsCredentialsIssuer(client,
                iam.role(PermissionModel.UPLOADER_ROLE).arn()), "aws", BUCKET, TestIam.REGION, Duration.ofMinutes(15));
    }

    @AfterAll
    static void stop() {
        owner.close();
        stsClient.close();
        s3.stop();
        sts.stop();
    }

    @Test
    void putAndMultipartUploadsIntoTheUsersOwnPrefixSucceed() {
        UploadCredentials credentials = vendor.issue("dev_alice");
        assertThat(credentials.prefix()).isEqualTo("uploads/dev_alice/");
        try (S3Client alice = s3As(credentials)) {
            String key = credentials.prefix() + "job-1/events.json";
            alice.putObject(b -> b.bucket(BUCKET).key(key).contentType("application/json"),
                    RequestBody.fromString("{\"a\":1}"));
            assertThat(owner.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String()).isEqualTo("{\"a\":1}");

            String bigKey = credentials.prefix() + "job-2/takeout.json";
            String uploadId = alice.createMultipartUpload(b -> b.bucket(BUCKET).key(bigKey)).uploadId();
            byte[] first = new byte[PART];
            Arrays.fill(first, (byte) 'x');
            String etag1 = alice.uploadPart(b -> b.bucket(BUCKET).key(bigKey).uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes(first)).eTag();
            String etag2 = alice.uploadPart(b -> b.bucket(BUCKET).key(bigKey).uploadId(uploadId).partNumber(2),
                    RequestBody.fromString("tail")).eTag();
            assertThat(alice.listParts(b -> b.bucket(BUCKET).key(bigKey).uploadId(uploadId)).parts()).hasSize(2);
            alice.completeMultipartUpload(b -> b.bucket(BUCKET).key(bigKey).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                            CompletedPart.builder().partNumber(2).eTag(etag2).build())));
            assertThat(owner.headObject(b -> b.bucket(BUCKET).key(bigKey)).contentLength()).isEqualTo(PART + 4L);

            String abandoned = credentials.prefix() + "job-3/abandoned.json";
            String abandonedId = alice.createMultipartUpload(b -> b.bucket(BUCKET).key(abandoned)).uploadId();
            alice.abortMultipartUpload(b -> b.bucket(BUCKET).key(abandoned).uploadId(abandonedId));
        }
    }

    @Test
    void everythingElseIsDeniedAsS3DeniesIt() {
        UploadCredentials credentials = vendor.issue("dev_bob");
        String own = credentials.prefix() + "job-1/events.json";
        owner.putObject(b -> b.bucket(BUCKET).key(own), RequestBody.fromString("written by the owner"));
        owner.putObject(b -> b.bucket(BUCKET).key("uploads/dev_carol/job-1/events.json"), RequestBody.fromString("c"));
        try (S3Client bob = s3As(credentials)) {
            assertAccessDenied(() -> bob.putObject(b -> b.bucket(BUCKET).key("uploads/dev_carol/job-9/x.json"),
                    RequestBody.fromString("into another user's prefix")));
            assertAccessDenied(() -> bob.putObject(b -> b.bucket(BUCKET).key("uploads/dev_bobby/job-9/x.json"),
                    RequestBody.fromString("a prefix that only starts like bob's")));
            assertAccessDenied(() -> bob.putObject(b -> b.bucket(BUCKET).key("processed/dev_bob/job-1/report.json"),
                    RequestBody.fromString("{}")));
            assertAccessDenied(() -> bob.createMultipartUpload(b -> b.bucket(BUCKET)
                    .key("uploads/dev_carol/job-9/x.json")));
            assertAccessDenied(() -> bob.getObjectAsBytes(b -> b.bucket(BUCKET).key(own)));
            assertAccessDenied(() -> bob.getObjectAsBytes(b -> b.bucket(BUCKET).key(credentials.prefix() + "missing")));
            // A HEAD response has no body: S3 and the SDK report the status without an error code.
            assertThatThrownBy(() -> bob.headObject(b -> b.bucket(BUCKET).key(own)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            assertAccessDenied(() -> bob.listObjectsV2(b -> b.bucket(BUCKET).prefix(credentials.prefix())));
            assertAccessDenied(() -> bob.listObjectVersions(b -> b.bucket(BUCKET)));
            assertAccessDenied(() -> bob.listMultipartUploads(b -> b.bucket(BUCKET)));
            assertAccessDenied(() -> bob.deleteObject(b -> b.bucket(BUCKET).key(own)));
            assertAccessDenied(() -> bob.copyObject(b -> b.sourceBucket(BUCKET)
                    .sourceKey("uploads/dev_carol/job-1/events.json").destinationBucket(BUCKET)
                    .destinationKey(credentials.prefix() + "job-2/stolen.json")));
            assertAccessDenied(() -> bob.listBuckets());
            assertThat(bob.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(o -> o.key(own))))
                    .errors()).singleElement().satisfies(error -> assertThat(error.code()).isEqualTo("AccessDenied"));
        }
        assertThat(owner.getObjectAsBytes(b -> b.bucket(BUCKET).key(own)).asUtf8String())
                .isEqualTo("written by the owner");
        assertThat(owner.listObjectsV2(b -> b.bucket(BUCKET).prefix("uploads/dev_carol/job-9/")).keyCount()).isZero();
        assertThat(owner.listObjectsV2(b -> b.bucket(BUCKET).prefix(credentials.prefix() + "job-2/")).keyCount())
                .isZero();
    }

    @Test
    void presignedPutAndBrowserPostWithSessionCredentialsAreBoundByThePolicyToo() throws Exception {
        UploadCredentials credentials = vendor.issue("dev_dora");
        AwsSessionCredentials session = AwsSessionCredentials.create(credentials.accessKeyId(),
                credentials.secretAccessKey(), credentials.sessionToken());
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(s3.endpoint()).region(sts.region())
                .credentialsProvider(StaticCredentialsProvider.create(session))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            String own = credentials.prefix() + "job-1/presigned.csv";
            assertThat(putTo(presigner, own).statusCode()).isEqualTo(200);
            HttpResponse<String> elsewhere = putTo(presigner, "uploads/dev_eve/job-1/presigned.csv");
            assertThat(elsewhere.statusCode()).isEqualTo(403);
            assertThat(elsewhere.body()).contains("<Code>AccessDenied</Code>");
        }

        String postKey = credentials.prefix() + "job-2/posted.csv";
        assertThat(post(session, postKey).statusCode()).isBetween(200, 204);
        assertThat(owner.getObjectAsBytes(b -> b.bucket(BUCKET).key(postKey)).asUtf8String()).isEqualTo("a,b\n1,2\n");
        HttpResponse<String> postElsewhere = post(session, "uploads/dev_eve/job-2/posted.csv");
        assertThat(postElsewhere.statusCode()).isEqualTo(403);
        assertThat(postElsewhere.body()).contains("<Code>AccessDenied</Code>");
    }

    @Test
    void expiredAndUnknownKeysAreRefused() {
        MutableClock ownClock = new MutableClock();
        LocalIam ownIam = TestIam.iam(BUCKET, ownClock);
        try (LocalSts shortLived = LocalSts.builder().iam(ownIam).build().start();
             LocalS3Server server = gatedS3(ownIam);
             StsClient client = shortLived.client(ownIam.credentialsOf(TestIam.vendor()))) {
            UploadCredentials credentials = vendor(ownIam, client).issue("dev_fay");
            String key = credentials.prefix() + "job-1/a.json";
            try (S3Client fay = s3As(server, AwsSessionCredentials.create(credentials.accessKeyId(),
                    credentials.secretAccessKey(), credentials.sessionToken()));
                 S3Client stranger = s3As(server, AwsSessionCredentials.create("ASIA" + "A".repeat(16),
                         credentials.secretAccessKey(), credentials.sessionToken()))) {
                fay.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("in time"));

                ownClock.advance(Duration.ofMinutes(15));
                assertS3Error(() -> fay.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("too late")),
                        400, "ExpiredToken");
                assertS3Error(() -> stranger.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("x")),
                        403, "InvalidAccessKeyId");
            }
        }
    }

    /**
     * A key is a literal string: dot segments must never reach another key's object. The local S3 cannot store such
     * keys as files literally, so it refuses them, whoever asks and however (PUT, multipart, copy, delete, listing).
     */
    @Test
    void dotSegmentsNeverReachAnotherUsersObjects() {
        String victim = "personas/dev_victim/job-1/persona.json";
        owner.putObject(b -> b.bucket(BUCKET).key(victim), RequestBody.fromString("{\"owner\":\"victim\"}"));
        UploadCredentials credentials = vendor.issue("dev_mallory");
        String own = credentials.prefix() + "J1/";
        try (S3Client mallory = s3As(credentials)) {
            mallory.putObject(b -> b.bucket(BUCKET).key(own + "seed.csv"), RequestBody.fromString("a"));
            String escape = own + "../../../" + victim;
            assertS3Error(() -> mallory.putObject(b -> b.bucket(BUCKET).key(escape), RequestBody.fromString("{}")),
                    400, "InvalidArgument");
            assertS3Error(() -> mallory.createMultipartUpload(b -> b.bucket(BUCKET).key(escape)), 400, "InvalidArgument");
            assertS3Error(() -> mallory.putObject(b -> b.bucket(BUCKET).key(own + ".//./x"), RequestBody.fromString("{}")),
                    400, "InvalidArgument");
            assertS3Error(() -> mallory.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(o -> o.key(escape)))),
                    400, "InvalidArgument");
        }
        assertS3Error(() -> owner.listObjectsV2(b -> b.bucket(BUCKET).prefix(own + "../../../personas/")),
                400, "InvalidArgument");
        assertS3Error(() -> owner.putObject(b -> b.bucket(BUCKET).key("uploads/a/../b"), RequestBody.fromString("x")),
                400, "InvalidArgument");
        assertThat(owner.getObjectAsBytes(b -> b.bucket(BUCKET).key(victim)).asUtf8String())
                .isEqualTo("{\"owner\":\"victim\"}");
        assertThat(owner.listObjectVersions(b -> b.bucket(BUCKET).prefix(victim)).versions()).hasSize(1);
        assertThat(owner.listObjectsV2(b -> b.bucket(BUCKET).prefix(own)).contents()).extracting(o -> o.key())
                .containsExactly(own + "seed.csv");
    }

    @Test
    void aSessionKeyNeedsItsOwnSessionToken() {
        UploadCredentials credentials = vendor.issue("dev_hal");
        String key = credentials.prefix() + "job-1/a.json";
        try (S3Client withoutToken = s3As(s3, software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                credentials.accessKeyId(), credentials.secretAccessKey()));
             S3Client otherToken = s3As(s3, AwsSessionCredentials.create(credentials.accessKeyId(),
                     credentials.secretAccessKey(), vendor.issue("dev_ida").sessionToken()))) {
            assertS3Error(() -> withoutToken.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("x")),
                    400, "InvalidToken");
            assertS3Error(() -> otherToken.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("x")),
                    400, "InvalidToken");
        }
        assertThat(owner.listObjectsV2(b -> b.bucket(BUCKET).prefix(credentials.prefix())).keyCount()).isZero();
    }

    /** Today's SDKs and CLIs send a checksum with every part; S3 needs nothing more than s3:PutObject for them. */
    @Test
    void aMultipartUploadWithChecksumsCompletes() {
        UploadCredentials credentials = vendor.issue("dev_jo");
        String key = credentials.prefix() + "job-1/big.csv";
        try (S3Client jo = s3As(credentials)) {
            String uploadId = jo.createMultipartUpload(b -> b.bucket(BUCKET).key(key)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
            byte[] part = new byte[PART];
            Arrays.fill(part, (byte) 'y');
            var first = jo.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(part));
            var second = jo.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(2)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromString("tail"));
            jo.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(
                    CompletedPart.builder().partNumber(1).eTag(first.eTag()).checksumCRC32(first.checksumCRC32()).build(),
                    CompletedPart.builder().partNumber(2).eTag(second.eTag()).checksumCRC32(second.checksumCRC32())
                            .build())));
        }
        assertThat(owner.headObject(b -> b.bucket(BUCKET).key(key)).contentLength()).isEqualTo(PART + 4L);
    }

    @Test
    void theStaticCredentialsKeepFullAccess() {
        String key = "processed/dev_gus/job-1/report.json";
        owner.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("{}"));
        assertThat(owner.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String()).isEqualTo("{}");
        assertThat(owner.listObjectsV2(b -> b.bucket(BUCKET).prefix("processed/dev_gus/")).keyCount()).isOne();
        owner.copyObject(b -> b.sourceBucket(BUCKET).sourceKey(key).destinationBucket(BUCKET)
                .destinationKey(key + ".copy"));
        owner.deleteObject(b -> b.bucket(BUCKET).key(key));
        owner.deleteObject(b -> b.bucket(BUCKET).key(key + ".copy"));
        assertThat(owner.listObjectsV2(b -> b.bucket(BUCKET).prefix("processed/dev_gus/")).keyCount()).isZero();
    }

    private static HttpResponse<String> putTo(S3Presigner presigner, String key) throws Exception {
        URI url = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(r -> r.bucket(BUCKET).key(key))).url().toURI();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                .PUT(HttpRequest.BodyPublishers.ofString("a,b\n")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A browser form POST signed with the project's SigV4 POST policy. */
    private static HttpResponse<String> post(AwsSessionCredentials credentials, String key) throws Exception {
        Instant now = Instant.now();
        Map<String, String> fields = S3PostPolicy.forBucket(BUCKET).field("key", key).field("Content-Type", "text/csv")
                .contentLengthRange(1, 1024).sign(credentials, sts.region().id(), now, now.plusSeconds(300));
        String boundary = "----local" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\na,b\n1,2\n\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(s3.endpoint() + "/" + BUCKET + "/"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static S3Client s3As(UploadCredentials credentials) {
        return s3As(s3, AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken()));
    }

    private static S3Client s3As(LocalS3Server server, AwsCredentials credentials) {
        return S3Client.builder().endpointOverride(server.endpoint()).region(LocalS3Server.REGION).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static void assertAccessDenied(Executable call) {
        assertS3Error(call, 403, "AccessDenied");
    }

    private static void assertS3Error(Executable call, int status, String code) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }
}
