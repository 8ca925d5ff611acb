package dev.persona.infra.stacks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.persona.contracts.WebApp;
import dev.persona.infra.config.StageConfig;
import dev.persona.infra.constructs.WebAppDeployment;
import dev.persona.infra.constructs.WebDistribution;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The stage's front door: the CloudFront distribution of the web app and the API, the web bucket, and the web app
 * deployed into it with this stage's {@code config.json}.
 */
public final class EdgeStack extends Stack {

    private final WebDistribution web;

    public EdgeStack(Construct scope, String id, StackProps props, StageConfig config, DataStack data,
            IdentityStack identity, BackendStack backend, Path webSite) {
        super(scope, id, props);
        WebDistribution.CustomDomain customDomain = config.webDomainName() == null ? null
                : new WebDistribution.CustomDomain(config.webDomainName(), config.webCertificateArn());
        web = new WebDistribution(this, "Web", new WebDistribution.Props(backend.api().api(),
                data.accessLogs().bucket(),
                List.of(identity.identity().domainBaseUrl(),
                        "https://" + data.storage().bucket().getBucketRegionalDomainName()),
                customDomain, config.dataRemovalPolicy()));

        String webUrl = "https://" + (config.webDomainName() != null ? config.webDomainName()
                : web.distribution().getDistributionDomainName());
        new WebAppDeployment(this, "WebApp", new WebAppDeployment.Props(web.webBucket(), webSite,
                appConfig(config, identity, webUrl)));

        CfnOutput.Builder.create(this, "WebUrl")
                .description("The web app; the API is also reachable under /v1 here")
                .value(webUrl)
                .build();
        CfnOutput.Builder.create(this, "WebBucketName")
                .description("Bucket to deploy the web app's files to")
                .value(web.webBucket().getBucketName())
                .build();
        CfnOutput.Builder.create(this, "DistributionId")
                .description("CloudFront distribution id")
                .value(web.distribution().getDistributionId())
                .build();
    }

    /**
     * The app's {@code config.json}, resolved at deployment: the API on the site's own origin (CloudFront routes
     * {@code /v1}), the user pool's hosted domain and web client, this region.
     */
    private Map<String, Object> appConfig(StageConfig config, IdentityStack identity, String webUrl) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(WebApp.Config.API_BASE_URL, webUrl);
        values.put(WebApp.Config.REGION, getRegion());
        values.put(WebApp.Config.AUTH_DOMAIN, identity.identity().domainBaseUrl());
        values.put(WebApp.Config.CLIENT_ID, identity.identity().webClient().getUserPoolClientId());
        values.put(WebApp.Config.SCOPES, WebApp.SCOPES);
        values.put(WebApp.Config.MAX_UPLOAD_BYTES, config.maxUploadBytes());
        values.put(WebApp.Config.MULTIPART_THRESHOLD_BYTES, WebApp.MULTIPART_THRESHOLD_BYTES);
        values.put(WebApp.Config.MULTIPART_PART_BYTES, WebApp.MULTIPART_PART_BYTES);
        return values;
    }

    public WebDistribution web() {
        return web;
    }
}
