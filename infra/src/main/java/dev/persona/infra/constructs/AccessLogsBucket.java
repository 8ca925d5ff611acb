package dev.persona.infra.constructs;

import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The bucket that collects access logs: S3 server access logs under {@link #S3_PREFIX} and CloudFront
 * standard logs under {@link #CLOUDFRONT_PREFIX}. It is encrypted with S3-managed keys because S3
 * server access logging cannot deliver to SSE-KMS buckets, and it keeps ACLs enabled (bucket owner
 * preferred) because CloudFront standard logging delivers through an ACL grant.
 */
public final class AccessLogsBucket extends Construct {

    /** Prefix of S3 server access logs; each source bucket writes below {@code s3/<bucket role>/}. */
    public static final String S3_PREFIX = "s3/";
    /** Prefix of CloudFront standard logs. */
    public static final String CLOUDFRONT_PREFIX = "cloudfront/";

    private final Bucket bucket;

    /**
     * @param retentionDays days a log object is kept. Default 90
     * @param removalPolicy what happens to the bucket when it leaves the stack. Default RETAIN; with
     *                      DESTROY the objects are deleted with it
     */
    public record Props(Integer retentionDays, RemovalPolicy removalPolicy) {

        public Props {
            retentionDays = retentionDays == null ? 90 : retentionDays;
            removalPolicy = removalPolicy == null ? RemovalPolicy.RETAIN : removalPolicy;
            if (retentionDays < 1) {
                throw new IllegalArgumentException("retentionDays must be at least 1: " + retentionDays);
            }
        }
    }

    public AccessLogsBucket(Construct scope, String id, Props props) {
        super(scope, id);
        bucket = Bucket.Builder.create(this, "Bucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-logs")
                        .expiration(Duration.days(props.retentionDays()))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                .removalPolicy(props.removalPolicy())
                .autoDeleteObjects(props.removalPolicy() == RemovalPolicy.DESTROY)
                .build();
    }

    public IBucket bucket() {
        return bucket;
    }

    /** The prefix the server access logs of a bucket playing {@code bucketRole} go to. */
    public static String serverAccessLogsPrefix(String bucketRole) {
        return S3_PREFIX + bucketRole + "/";
    }
}
