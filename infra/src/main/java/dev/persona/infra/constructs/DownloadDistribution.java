package dev.persona.infra.constructs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.persona.contracts.SigningKeys;
import dev.persona.contracts.iam.Permission;
import dev.persona.contracts.iam.PermissionModel;
import dev.persona.contracts.iam.Resource;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.IDistribution;
import software.amazon.awscdk.services.cloudfront.IKeyGroup;
import software.amazon.awscdk.services.cloudfront.IOrigin;
import software.amazon.awscdk.services.cloudfront.KeyGroup;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.PublicKey;
import software.amazon.awscdk.services.cloudfront.S3OriginAccessControl;
import software.amazon.awscdk.services.cloudfront.Signing;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOriginWithOACProps;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketAttributes;
import software.constructs.Construct;

/**
 * The download distribution: CloudFront serving objects of the uploads bucket to signed URLs only (its one behavior
 * trusts the download key group), read through origin access control. What the distribution may read is the
 * permission model's {@link PermissionModel#DOWNLOAD_DISTRIBUTION}: statements of the bucket's and the bucket key's
 * resource policies for the CloudFront service, on this distribution only ({@code AWS:SourceArn}).
 *
 * <p>The key group starts with {@link SigningKeys#PLACEHOLDER_PUBLIC_KEY}, for which no private key exists; the
 * signing key's rotation adds and removes the keys that sign (see the README on the first key).
 */
public final class DownloadDistribution extends Construct {

    private final KeyGroup keyGroup;
    private final Distribution distribution;

    /**
     * @param storage    the uploads bucket and its key. Required
     * @param accessLogs where CloudFront writes its access logs. Required
     */
    public record Props(UploadsStorage storage, AccessLogsBucket accessLogs) {

        public Props {
            Objects.requireNonNull(storage, "storage");
            Objects.requireNonNull(accessLogs, "accessLogs");
        }
    }

    public DownloadDistribution(Construct scope, String id, Props props) {
        super(scope, id);
        PublicKey placeholder = PublicKey.Builder.create(this, "PlaceholderKey")
                .comment("No private key exists: the key group needs one key before the first rotation")
                .encodedKey(SigningKeys.PLACEHOLDER_PUBLIC_KEY)
                .build();
        keyGroup = KeyGroup.Builder.create(this, "KeyGroup")
                .comment("Keys that sign download URLs; the signing key's rotation maintains the list")
                .items(List.of(placeholder))
                .build();
        // Imported, so that CloudFront adds no policy of its own: the statements below are the model's.
        IOrigin origin = S3BucketOrigin.withOriginAccessControl(
                Bucket.fromBucketAttributes(this, "Origin", BucketAttributes.builder()
                        .bucketArn(props.storage().bucket().getBucketArn())
                        .bucketName(props.storage().bucket().getBucketName())
                        .bucketRegionalDomainName(props.storage().bucket().getBucketRegionalDomainName())
                        .build()),
                S3BucketOriginWithOACProps.builder()
                        .originAccessControl(S3OriginAccessControl.Builder.create(this, "OriginAccess")
                                .signing(Signing.SIGV4_ALWAYS).build())
                        .build());
        distribution = Distribution.Builder.create(this, "Distribution")
                .comment("persona-pipeline downloads: files and personas, to signed URLs only")
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .priceClass(PriceClass.PRICE_CLASS_100)
                .enableLogging(true)
                .logBucket(props.accessLogs().bucket())
                .logFilePrefix("downloads/")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(origin)
                        .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                        .cachePolicy(CachePolicy.CACHING_DISABLED)
                        .trustedKeyGroups(List.of(keyGroup))
                        .build())
                .build();
        grantFromModel(props.storage());
        // The origin's bucket is imported on purpose: the statements above replace the ones CDK would add.
        Annotations.of(distribution).acknowledgeWarning(
                "@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac",
                "The bucket policy is written from the permission model, for files/ and personas/ only.");

        NagAcknowledgements.acknowledge(distribution, "CFR1", "The service is offered worldwide; there is no "
                + "country it must not serve.");
        NagAcknowledgements.acknowledge(distribution, "CFR2", "No WAF web ACL: every request must carry a URL "
                + "signed by the API for one object of its caller, valid for minutes.");
        NagAcknowledgements.acknowledge(distribution, "CFR4", "Served on the default *.cloudfront.net certificate, "
                + "whose minimum protocol cannot be raised; download URLs are links, not a site.");
    }

    /** The model's permissions of the distribution, as resource policies naming it. */
    private void grantFromModel(UploadsStorage storage) {
        String distributionArn = "arn:" + Stack.of(this).getPartition() + ":cloudfront::" + Stack.of(this).getAccount()
                + ":distribution/" + distribution.getDistributionId();
        Map<String, Object> onlyThisDistribution = Map.of("StringEquals", Map.of("AWS:SourceArn", distributionArn));
        ServicePrincipal cloudFront = new ServicePrincipal(
                PermissionModel.standard().principal(PermissionModel.DOWNLOAD_DISTRIBUTION).service());
        for (Permission permission : PermissionModel.standard().principal(PermissionModel.DOWNLOAD_DISTRIBUTION)
                .permissions()) {
            List<String> objects = new ArrayList<>();
            boolean key = false;
            for (Resource resource : permission.resources()) {
                switch (resource) {
                    case Resource.BucketObjects area -> objects.add(storage.bucket().arnForObjects(area.area() + "*"));
                    case Resource.BucketKey bucketKey -> key = true;
                    default -> throw new IllegalStateException("the distribution cannot be granted " + resource);
                }
            }
            if (!objects.isEmpty()) {
                storage.bucket().addToResourcePolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                        .principals(List.of(cloudFront)).actions(permission.actions()).resources(objects)
                        .conditions(onlyThisDistribution).build());
            }
            if (key) {
                // In a key policy the key itself is "*". The key policy cannot name this distribution: the
                // distribution depends on the bucket, which depends on the key (a cycle). It names the account's
                // distributions, as AWS documents for OAC with SSE-KMS; only this one reads the bucket (its policy).
                storage.key().addToResourcePolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                        .principals(List.of(cloudFront)).actions(permission.actions()).resources(List.of("*"))
                        .conditions(Map.of("ArnLike", Map.of("AWS:SourceArn", "arn:" + Stack.of(this).getPartition()
                                + ":cloudfront::" + Stack.of(this).getAccount() + ":distribution/*")))
                        .build());
            }
        }
    }

    public IKeyGroup keyGroup() {
        return keyGroup;
    }

    public IDistribution distribution() {
        return distribution;
    }

    /** {@code https://d….cloudfront.net}: where signed URLs point. */
    public String baseUrl() {
        return "https://" + distribution.getDistributionDomainName();
    }
}
