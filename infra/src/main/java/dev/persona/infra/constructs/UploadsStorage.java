package dev.persona.infra.constructs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.persona.contracts.StorageLayout;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The bucket that holds every user file, in the areas of {@link StorageLayout}: raw uploads, processed
 * intermediate files and personas. It is encrypted with its own customer-managed KMS key (rotated
 * yearly, S3 bucket keys on), private, TLS-only and versioned; it sends its events to EventBridge and
 * accepts browser uploads from the allowed origins. Lifecycle rules expire raw uploads and processed
 * files and keep personas until their owner deletes them.
 *
 * <p>Access is granted from the permission model ({@code ModelPermissions}), with exact S3 and KMS actions on
 * one area, unlike {@link Bucket#grantRead}, whose {@code s3:List*} would let a function list every user's keys.
 */
public final class UploadsStorage extends Construct {


    private final Key key;
    private final Bucket bucket;

    /**
     * @param allowedOrigins                 browser origins allowed to PUT and POST uploads (CORS). Required
     * @param accessLogs                     bucket receiving the server access logs. Required
     * @param uploadRetentionDays            days objects under {@code uploads/} are kept. Default 7
     * @param processedRetentionDays         days objects under {@code processed/} are kept. Default 30
     * @param noncurrentVersionRetentionDays days an overwritten or deleted version is kept. Default 7
     * @param removalPolicy                  what happens to the bucket and key when they leave the stack.
     *                                       Default RETAIN; with DESTROY the objects are deleted with them
     */
    public record Props(
            List<String> allowedOrigins,
            IBucket accessLogs,
            Integer uploadRetentionDays,
            Integer processedRetentionDays,
            Integer noncurrentVersionRetentionDays,
            RemovalPolicy removalPolicy) {

        public Props {
            allowedOrigins = List.copyOf(allowedOrigins);
            if (allowedOrigins.isEmpty()) {
                throw new IllegalArgumentException("allowedOrigins must not be empty");
            }
            Objects.requireNonNull(accessLogs, "accessLogs");
            uploadRetentionDays = atLeastOneDay("uploadRetentionDays", uploadRetentionDays, 7);
            processedRetentionDays = atLeastOneDay("processedRetentionDays", processedRetentionDays, 30);
            noncurrentVersionRetentionDays =
                    atLeastOneDay("noncurrentVersionRetentionDays", noncurrentVersionRetentionDays, 7);
            removalPolicy = removalPolicy == null ? RemovalPolicy.RETAIN : removalPolicy;
        }

        private static int atLeastOneDay(String name, Integer days, int defaultDays) {
            int value = days == null ? defaultDays : days;
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1: " + value);
            }
            return value;
        }
    }

    public UploadsStorage(Construct scope, String id, Props props) {
        super(scope, id);
        key = Key.Builder.create(this, "Key")
                .description("Encrypts the persona-pipeline uploads bucket")
                .enableKeyRotation(true)
                .removalPolicy(props.removalPolicy())
                .build();
        bucket = Bucket.Builder.create(this, "Bucket")
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                .bucketKeyEnabled(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .versioned(true)
                .serverAccessLogsBucket(props.accessLogs())
                .serverAccessLogsPrefix(AccessLogsBucket.serverAccessLogsPrefix("uploads"))
                .cors(List.of(CorsRule.builder()
                        // POST for the presigned form and to start and complete multipart uploads, PUT for parts,
                        // DELETE to abort a multipart upload the person cancelled.
                        .allowedMethods(List.of(HttpMethods.PUT, HttpMethods.POST, HttpMethods.DELETE))
                        .allowedOrigins(props.allowedOrigins())
                        // Browsers add SDK, checksum and signing headers that vary by client version.
                        .allowedHeaders(List.of("*"))
                        .exposedHeaders(List.of("ETag"))
                        .maxAge(3000)
                        .build()))
                .lifecycleRules(lifecycleRules(props))
                .removalPolicy(props.removalPolicy())
                .autoDeleteObjects(props.removalPolicy() == RemovalPolicy.DESTROY)
                .build();
        // Native EventBridge delivery: Bucket#eventBridgeEnabled would add a notifications custom resource
        // (a Lambda function) that this bucket, created in the same template, does not need.
        ((CfnBucket) bucket.getNode().getDefaultChild()).setNotificationConfiguration(
                CfnBucket.NotificationConfigurationProperty.builder()
                        .eventBridgeConfiguration(CfnBucket.EventBridgeConfigurationProperty.builder()
                                .eventBridgeEnabled(true)
                                .build())
                        .build());
    }

    private static List<LifecycleRule> lifecycleRules(Props props) {
        List<LifecycleRule> rules = new ArrayList<>();
        rules.add(LifecycleRule.builder()
                .id("abort-incomplete-multipart-uploads")
                .abortIncompleteMultipartUploadAfter(Duration.days(1))
                .build());
        rules.add(LifecycleRule.builder()
                .id("expire-raw-uploads")
                .prefix(StorageLayout.UPLOADS_PREFIX)
                .expiration(Duration.days(props.uploadRetentionDays()))
                .build());
        rules.add(LifecycleRule.builder()
                .id("expire-processed-files")
                .prefix(StorageLayout.PROCESSED_PREFIX)
                .expiration(Duration.days(props.processedRetentionDays()))
                .build());
        // Expiring a current version only adds a delete marker in a versioned bucket: these two rules
        // remove the data itself and the markers left behind.
        rules.add(LifecycleRule.builder()
                .id("expire-noncurrent-versions")
                .noncurrentVersionExpiration(Duration.days(props.noncurrentVersionRetentionDays()))
                .build());
        rules.add(LifecycleRule.builder()
                .id("remove-expired-delete-markers")
                .expiredObjectDeleteMarker(true)
                .build());
        return rules;
    }

    public IBucket bucket() {
        return bucket;
    }

    public IKey key() {
        return key;
    }
}
