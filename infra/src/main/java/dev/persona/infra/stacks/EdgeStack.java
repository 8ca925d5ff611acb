package dev.persona.infra.stacks;

import java.util.List;

import dev.persona.infra.config.StageConfig;
import dev.persona.infra.constructs.WebDistribution;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/** The stage's front door: the CloudFront distribution of the web app and the API, and the web bucket. */
public final class EdgeStack extends Stack {

    private final WebDistribution web;

    public EdgeStack(Construct scope, String id, StackProps props, StageConfig config, DataStack data,
            IdentityStack identity, BackendStack backend) {
        super(scope, id, props);
        WebDistribution.CustomDomain customDomain = config.webDomainName() == null ? null
                : new WebDistribution.CustomDomain(config.webDomainName(), config.webCertificateArn());
        web = new WebDistribution(this, "Web", new WebDistribution.Props(backend.api().api(),
                data.accessLogs().bucket(),
                List.of(identity.identity().domainBaseUrl(),
                        "https://" + data.storage().bucket().getBucketRegionalDomainName()),
                customDomain, config.dataRemovalPolicy()));

        CfnOutput.Builder.create(this, "WebUrl")
                .description("The web app; the API is also reachable under /v1 here")
                .value("https://" + (config.webDomainName() != null ? config.webDomainName()
                        : web.distribution().getDistributionDomainName()))
                .build();
        CfnOutput.Builder.create(this, "WebBucketName")
                .description("Bucket to deploy the web app's files to")
                .value(web.webBucket().getBucketName())
                .build();
        CfnOutput.Builder.create(this, "DistributionId")
                .description("CloudFront distribution id (to invalidate after deploying the web app)")
                .value(web.distribution().getDistributionId())
                .build();
    }

    public WebDistribution web() {
        return web;
    }
}
