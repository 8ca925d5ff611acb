package dev.persona.aws;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.persona.api.UploadPresigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * {@link UploadPresigner} for the uploads bucket, with the S3 client's own region, credentials,
 * endpoint and addressing style: the PUT through the SDK's presigner, the POST through
 * {@link S3PostPolicy}. The upload's metadata (time zone, viewing profile) travels as signed
 * {@code x-amz-meta-*} headers or policy fields, which the preprocess step reads back as the object's metadata.
 */
public final class S3UploadPresigner implements UploadPresigner, dev.persona.files.FileUploads {

    /** Browsers and HTTP clients set Host themselves (and may not set it by hand). */
    private static final String HOST = "host";

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Clock clock;

    public S3UploadPresigner(S3Client s3, String bucket, Clock clock) {
        this.s3 = s3;
        this.presigner = presignerFor(s3);
        this.bucket = bucket;
        this.clock = clock;
    }

    @Override
    public PresignedPut presignPut(UploadTarget target, Duration lifetime) {
        PresignedPutObjectRequest presigned = presigner.presignPutObject(presign -> presign
                .signatureDuration(lifetime)
                .putObjectRequest(put -> put.bucket(bucket)
                        .key(target.key())
                        .contentType(target.contentType())
                        .contentLength(target.sizeBytes())
                        .metadata(target.metadata())));
        return presigned(presigned);
    }

    /** A PUT of a library file: its exact size, content type and disposition are signed, so the object has them. */
    @Override
    public PresignedPut presignPut(String key, String contentType, long sizeBytes, String contentDisposition,
            Duration lifetime) {
        PresignedPutObjectRequest presigned = presigner.presignPutObject(presign -> presign
                .signatureDuration(lifetime)
                .putObjectRequest(put -> put.bucket(bucket)
                        .key(key)
                        .contentType(contentType)
                        .contentLength(sizeBytes)
                        .contentDisposition(contentDisposition)));
        return presigned(presigned);
    }

    private static PresignedPut presigned(PresignedPutObjectRequest presigned) {
        Map<String, String> headers = new LinkedHashMap<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HOST)) {
                headers.put(name, String.join(",", values));
            }
        });
        return new PresignedPut(presigned.url().toString(), headers, presigned.expiration().toString());
    }

    @Override
    public PresignedPost presignPost(UploadTarget target, Duration lifetime) {
        Instant now = clock.instant();
        S3PostPolicy policy = S3PostPolicy.forBucket(bucket)
                .field("key", target.key())
                .field("Content-Type", target.contentType())
                .contentLengthRange(1, target.sizeBytes());
        target.metadata().forEach((name, value) -> policy.field("x-amz-meta-" + name, value));
        AwsCredentialsIdentity credentials = s3.serviceClientConfiguration().credentialsProvider()
                .resolveIdentity().join();
        Map<String, String> fields = policy.sign(credentials, s3.serviceClientConfiguration().region().id(), now,
                now.plus(lifetime));
        return new PresignedPost(bucketUrl(target.key()), fields, now.plus(lifetime).toString());
    }

    /** A presigner signing as the client does: its region, credentials, endpoint and addressing style. */
    private static S3Presigner presignerFor(S3Client s3) {
        S3ServiceClientConfiguration client = s3.serviceClientConfiguration();
        S3Presigner.Builder presigner = S3Presigner.builder()
                .s3Client(s3)
                .region(client.region())
                .credentialsProvider(client.credentialsProvider());
        client.endpointOverride().ifPresent(presigner::endpointOverride);
        return presigner.build();
    }

    /**
     * The URL a form posts to: the bucket's, as the client addresses it (virtual-hosted on AWS,
     * path-style on a local endpoint), which is the object's URL without the key.
     */
    private String bucketUrl(String key) {
        String objectUrl = s3.utilities().getUrl(url -> url.bucket(bucket).key(key)).toString();
        String encodedKey = SdkHttpUtils.urlEncodeIgnoreSlashes(key);
        if (!objectUrl.endsWith("/" + encodedKey)) {
            throw new IllegalStateException("object URL does not end with its key");
        }
        return URI.create(objectUrl.substring(0, objectUrl.length() - encodedKey.length())).toString();
    }
}
