package dev.persona.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * SDK clients for priming a function before its SnapStart snapshot: built like {@link AwsClients}' but answered in
 * this process ({@link PrimingHttpClient}) and signing with placeholder credentials, so priming neither reaches an
 * endpoint nor resolves, caches or snapshots the function's real credentials. The function's own clients stay
 * untouched; what priming warms is shared: the SDK's classes, their static state and the JIT's code.
 */
public final class PrimingClients implements AutoCloseable {

    private static final StaticCredentialsProvider PLACEHOLDER_CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAPRIMINGONLY00000", "priming-never-sent-anywhere"));

    private final PrimingHttpClient http = new PrimingHttpClient();
    private final Region region;
    private S3Client s3;
    private DynamoDbClient dynamoDb;
    private StsClient sts;
    private SecretsManagerClient secretsManager;
    private CloudFrontClient cloudFront;

    /** @param region the function's region (Lambda's {@code AWS_REGION}), so the same endpoint rules run */
    public PrimingClients(Region region) {
        this.region = region;
    }

    public S3Client s3() {
        if (s3 == null) {
            s3 = configure(S3Client.builder()).build();
        }
        return s3;
    }

    public DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = configure(DynamoDbClient.builder()).build();
        }
        return dynamoDb;
    }

    public StsClient sts() {
        if (sts == null) {
            sts = configure(StsClient.builder()).build();
        }
        return sts;
    }

    /** Answers every read with an empty object: a secret with no value, so no key is ever read while priming. */
    public SecretsManagerClient secretsManager() {
        if (secretsManager == null) {
            secretsManager = configure(SecretsManagerClient.builder()).build();
        }
        return secretsManager;
    }

    /** CloudFront's API is global, in {@code aws-global} as {@link AwsClients#cloudFront()} builds it. */
    public CloudFrontClient cloudFront() {
        if (cloudFront == null) {
            cloudFront = configure(CloudFrontClient.builder()).region(Region.AWS_GLOBAL).build();
        }
        return cloudFront;
    }

    /** How many requests the clients sent (and this process answered). */
    public int requestsAnswered() {
        return http.answered();
    }

    private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder) {
        return builder.httpClient(http).region(region).credentialsProvider(PLACEHOLDER_CREDENTIALS);
    }

    @Override
    public void close() {
        for (AutoCloseable client : new AutoCloseable[] {s3, dynamoDb, sts, secretsManager, cloudFront}) {
            if (client != null) {
                try {
                    client.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
