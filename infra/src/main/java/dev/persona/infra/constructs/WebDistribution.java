package dev.persona.infra.constructs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.persona.contracts.ApiRoutes;
import dev.persona.contracts.WebSecurityHeaders;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.RestApiBase;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.Function;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.FunctionRuntime;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.IDistribution;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseCustomHeader;
import software.amazon.awscdk.services.cloudfront.ResponseCustomHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.SecurityPolicyProtocol;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.RestApiOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The web front door: one CloudFront distribution, HTTPS only, serving the single-page app from a private
 * bucket through origin access control and routing {@code /v1/*} and {@code /trpc/*} to the API uncached, so the browser
 * talks to one origin. Every response gets security headers (HSTS, a content security policy limited to
 * this origin and the given services, no framing, no sniffing); a CloudFront Function sends app routes to
 * {@code index.html}. Logs go to the access-logs bucket.
 *
 * <p>The security headers are the web app's ({@link WebSecurityHeaders}), the same values the local runtime
 * sends. The app's files are deployed to {@link #webBucket()} by {@link WebAppDeployment}.
 */
public final class WebDistribution extends Construct {

    /**
     * Viewer request of the app's default behavior: a path whose last segment has no file extension is a
     * route of the single-page app, so it gets the app's entry page. Files and the API are untouched.
     */
    static final String SPA_ROUTING = """
            function handler(event) {
              var request = event.request;
              var lastSegment = request.uri.substring(request.uri.lastIndexOf('/') + 1);
              if (lastSegment.indexOf('.') === -1) {
                request.uri = '/index.html';
              }
              return request;
            }
            """;

    private final Bucket webBucket;
    private final Distribution distribution;

    /**
     * @param api            the REST API served under {@code /v1/*} and {@code /trpc/*}. Required
     * @param accessLogs     bucket receiving CloudFront and S3 access logs. Required
     * @param connectSources origins the app may call besides its own (the Cognito domain, the uploads
     *                       bucket), for the content security policy. Default none
     * @param customDomain   custom domain and its us-east-1 certificate; without it the distribution uses
     *                       its {@code cloudfront.net} name. Default none
     * @param removalPolicy  what happens to the web bucket when it leaves the stack. Default RETAIN; with
     *                       DESTROY its files are deleted with it
     */
    public record Props(
            RestApiBase api,
            IBucket accessLogs,
            List<String> connectSources,
            CustomDomain customDomain,
            RemovalPolicy removalPolicy) {

        public Props {
            Objects.requireNonNull(api, "api");
            Objects.requireNonNull(accessLogs, "accessLogs");
            connectSources = connectSources == null ? List.of() : List.copyOf(connectSources);
            removalPolicy = removalPolicy == null ? RemovalPolicy.RETAIN : removalPolicy;
        }
    }

    /** A domain name for the distribution and the ACM certificate (in us-east-1) that covers it. */
    public record CustomDomain(String domainName, String certificateArn) {

        public CustomDomain {
            Objects.requireNonNull(domainName, "domainName");
            Objects.requireNonNull(certificateArn, "certificateArn");
        }
    }

    public WebDistribution(Construct scope, String id, Props props) {
        super(scope, id);
        webBucket = Bucket.Builder.create(this, "WebBucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .serverAccessLogsBucket(props.accessLogs())
                .serverAccessLogsPrefix(AccessLogsBucket.serverAccessLogsPrefix("web"))
                .removalPolicy(props.removalPolicy())
                .autoDeleteObjects(props.removalPolicy() == RemovalPolicy.DESTROY)
                .build();

        ResponseHeadersPolicy securityHeaders = ResponseHeadersPolicy.Builder.create(this, "SecurityHeaders")
                .comment("Security headers of the persona-pipeline web app and API")
                .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
                        .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                                .accessControlMaxAge(Duration.days(730))
                                .includeSubdomains(true)
                                .override(true)
                                .build())
                        .contentSecurityPolicy(ResponseHeadersContentSecurityPolicy.builder()
                                .contentSecurityPolicy(WebSecurityHeaders.contentSecurityPolicy(props.connectSources()))
                                .override(true)
                                .build())
                        .contentTypeOptions(ResponseHeadersContentTypeOptions.builder().override(true).build())
                        .frameOptions(ResponseHeadersFrameOptions.builder()
                                .frameOption(HeadersFrameOption.valueOf(WebSecurityHeaders.FRAME_OPTIONS))
                                .override(true)
                                .build())
                        .referrerPolicy(ResponseHeadersReferrerPolicy.builder()
                                .referrerPolicy(HeadersReferrerPolicy.valueOf(
                                        WebSecurityHeaders.REFERRER_POLICY.toUpperCase(Locale.ROOT).replace('-', '_')))
                                .override(true)
                                .build())
                        .build())
                .customHeadersBehavior(ResponseCustomHeadersBehavior.builder()
                        .customHeaders(List.of(
                                ResponseCustomHeader.builder().header("Permissions-Policy")
                                        .value(WebSecurityHeaders.PERMISSIONS_POLICY)
                                        .override(true).build(),
                                ResponseCustomHeader.builder().header("Cross-Origin-Opener-Policy")
                                        .value(WebSecurityHeaders.CROSS_ORIGIN_OPENER_POLICY).override(true).build()))
                        .build())
                .build();

        Function spaRouting = Function.Builder.create(this, "SpaRouting")
                .comment("Serves index.html for routes of the single-page app")
                .runtime(FunctionRuntime.JS_2_0)
                .code(FunctionCode.fromInline(SPA_ROUTING))
                .build();

        Distribution.Builder builder = Distribution.Builder.create(this, "Distribution")
                .comment("persona-pipeline web app and API")
                .defaultRootObject("index.html")
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .priceClass(PriceClass.PRICE_CLASS_100)
                .enableLogging(true)
                .logBucket(props.accessLogs())
                .logFilePrefix(AccessLogsBucket.CLOUDFRONT_PREFIX)
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(webBucket))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                        .responseHeadersPolicy(securityHeaders)
                        .functionAssociations(List.of(FunctionAssociation.builder()
                                .function(spaRouting)
                                .eventType(FunctionEventType.VIEWER_REQUEST)
                                .build()))
                        .compress(true)
                        .build())
                .additionalBehaviors(apiBehaviors(props.api(), securityHeaders));
        Optional.ofNullable(props.customDomain()).ifPresent(domain -> builder
                .domainNames(List.of(domain.domainName()))
                .certificate(Certificate.fromCertificateArn(this, "Certificate", domain.certificateArn()))
                .minimumProtocolVersion(SecurityPolicyProtocol.TLS_V1_2_2021));
        distribution = builder.build();

        NagAcknowledgements.acknowledge(distribution, "CFR1", "The service is offered worldwide; there is no "
                + "country it must not serve.");
        NagAcknowledgements.acknowledge(distribution, "CFR2", "No WAF web ACL (about 6 USD a month plus request "
                + "charges, and it must live in us-east-1): the site is static files and the API behind it "
                + "requires a valid token, validates bodies and throttles.");
        if (props.customDomain() == null) {
            NagAcknowledgements.acknowledge(distribution, "CFR4", "Without a custom domain CloudFront serves its "
                    + "default *.cloudfront.net certificate, whose minimum protocol cannot be raised. Stages "
                    + "with webDomainName and webCertificateArn require TLS 1.2 (TLSv1.2_2021).");
        }
    }

    /** Every base path of the API ({@code /v1/*}, {@code /trpc/*}) to the REST API, uncached. */
    private static Map<String, BehaviorOptions> apiBehaviors(RestApiBase api, ResponseHeadersPolicy securityHeaders) {
        BehaviorOptions toApi = BehaviorOptions.builder()
                .origin(new RestApiOrigin(api))
                .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                .allowedMethods(AllowedMethods.ALLOW_ALL)
                .cachePolicy(CachePolicy.CACHING_DISABLED)
                // API Gateway answers 403 to a Host header other than its own.
                .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                .responseHeadersPolicy(securityHeaders)
                .build();
        Map<String, BehaviorOptions> behaviors = new LinkedHashMap<>();
        ApiRoutes.PREFIXES.forEach(prefix -> behaviors.put(prefix + "/*", toApi));
        return behaviors;
    }

    public IBucket webBucket() {
        return webBucket;
    }

    public IDistribution distribution() {
        return distribution;
    }
}
