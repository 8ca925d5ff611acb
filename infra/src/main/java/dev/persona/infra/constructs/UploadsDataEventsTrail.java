package dev.persona.infra.constructs;

import java.util.List;
import java.util.Objects;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudtrail.ReadWriteType;
import software.amazon.awscdk.services.cloudtrail.S3EventSelector;
import software.amazon.awscdk.services.cloudtrail.Trail;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * An optional stage feature: a CloudTrail trail of the uploads bucket's S3 data events (every object read and
 * write, who made it, from where), in a bucket of its own, for stages that must be able to tell who touched a
 * person's data. Management events are left to the account's own trail; only this bucket's data events are
 * recorded, which CloudTrail bills per 100,000 events.
 */
public final class UploadsDataEventsTrail extends Construct {

    private final Trail trail;
    private final Bucket logs;

    /**
     * @param storage       the uploads bucket whose data events are recorded. Required
     * @param accessLogs    where the trail bucket's server access logs go. Required
     * @param retentionDays days a log file is kept. Required, at least 1
     * @param removalPolicy what happens to the trail bucket when it leaves the stack. Required
     */
    public record Props(UploadsStorage storage, AccessLogsBucket accessLogs, int retentionDays,
            RemovalPolicy removalPolicy) {

        public Props {
            Objects.requireNonNull(storage, "storage");
            Objects.requireNonNull(accessLogs, "accessLogs");
            Objects.requireNonNull(removalPolicy, "removalPolicy");
            if (retentionDays < 1) {
                throw new IllegalArgumentException("retentionDays must be at least 1: " + retentionDays);
            }
        }
    }

    public UploadsDataEventsTrail(Construct scope, String id, Props props) {
        super(scope, id);
        logs = Bucket.Builder.create(this, "Logs")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .serverAccessLogsBucket(props.accessLogs().bucket())
                .serverAccessLogsPrefix(AccessLogsBucket.serverAccessLogsPrefix("uploads-trail"))
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-trail-logs")
                        .expiration(Duration.days(props.retentionDays()))
                        .build()))
                .removalPolicy(props.removalPolicy())
                .autoDeleteObjects(props.removalPolicy() == RemovalPolicy.DESTROY)
                .build();
        trail = Trail.Builder.create(this, "Trail")
                .bucket(logs)
                .enableFileValidation(true)
                .includeGlobalServiceEvents(false)
                .isMultiRegionTrail(false)
                .managementEvents(ReadWriteType.NONE)
                .build();
        trail.addS3EventSelector(List.of(S3EventSelector.builder().bucket(props.storage().bucket()).build()),
                software.amazon.awscdk.services.cloudtrail.AddEventSelectorOptions.builder()
                        .readWriteType(ReadWriteType.ALL)
                        .includeManagementEvents(false)
                        .build());
    }

    public Trail trail() {
        return trail;
    }

    public IBucket logs() {
        return logs;
    }
}
