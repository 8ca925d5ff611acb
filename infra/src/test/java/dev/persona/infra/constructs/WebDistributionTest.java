package dev.persona.infra.constructs;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.ApiRoutes;
import dev.persona.infra.SynthesizedStage;
import dev.persona.infra.stacks.EdgeStack;
import org.junit.jupiter.api.Test;

import static dev.persona.infra.SynthesizedStage.items;
import static dev.persona.infra.SynthesizedStage.logicalId;
import static dev.persona.infra.SynthesizedStage.only;
import static dev.persona.infra.SynthesizedStage.texts;
import static org.assertj.core.api.Assertions.assertThat;

class WebDistributionTest {

    /** AWS managed cache and origin request policies, by their fixed ids. */
    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    private static final String ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

    private static final SynthesizedStage STAGE = SynthesizedStage.shared();
    private static final EdgeStack EDGE = STAGE.deployment.edge();
    private static final JsonNode TEMPLATE = STAGE.template(EDGE);
    private static final JsonNode DISTRIBUTION = only(TEMPLATE, "AWS::CloudFront::Distribution").at("/Properties/DistributionConfig");

    @Test
    void theAppIsServedOverHttpsFromThePrivateBucketThroughOriginAccessControl() {
        JsonNode behavior = DISTRIBUTION.path("DefaultCacheBehavior");
        assertThat(behavior.path("ViewerProtocolPolicy").asText()).isEqualTo("redirect-to-https");
        JsonNode origin = items(DISTRIBUTION.path("Origins")).stream()
                .filter(candidate -> candidate.path("Id").asText().equals(behavior.path("TargetOriginId").asText()))
                .findFirst().orElseThrow();
        assertThat(origin.at("/OriginAccessControlId/Fn::GetAtt/0").asText()).isNotEmpty();
        assertThat(origin.at("/S3OriginConfig/OriginAccessIdentity").asText()).isEmpty();
        assertThat(origin.at("/DomainName/Fn::GetAtt/0").asText()).isEqualTo(logicalId(EDGE.web().webBucket()));
        assertThat(behavior.at("/FunctionAssociations/0/EventType").asText()).isEqualTo("viewer-request");
        assertThat(only(TEMPLATE, "AWS::CloudFront::Function").at("/Properties/FunctionCode").asText())
                .isEqualTo(WebDistribution.SPA_ROUTING);

        JsonNode bucketPolicy = only(TEMPLATE, "AWS::S3::BucketPolicy").at("/Properties/PolicyDocument/Statement");
        assertThat(items(bucketPolicy)).anySatisfy(statement -> {
            assertThat(statement.at("/Principal/Service").asText()).isEqualTo("cloudfront.amazonaws.com");
            assertThat(statement.at("/Condition/StringEquals/AWS:SourceArn").toString()).contains(":distribution/");
        }).anySatisfy(statement -> assertThat(statement.at("/Condition/Bool/aws:SecureTransport").asText()).isEqualTo("false"));
        JsonNode bucket = only(TEMPLATE, "AWS::S3::Bucket").path("Properties");
        assertThat(bucket.at("/PublicAccessBlockConfiguration/BlockPublicPolicy").asBoolean()).isTrue();
        assertThat(bucket.at("/LoggingConfiguration/LogFilePrefix").asText()).isEqualTo("s3/web/");
    }

    @Test
    void theApiIsRoutedUncachedOverHttpsWithoutTheViewersHost() {
        for (String prefix : ApiRoutes.PREFIXES) {
            theApiIsRoutedUncachedOverHttpsWithoutTheViewersHost(prefix);
        }
    }

    private static void theApiIsRoutedUncachedOverHttpsWithoutTheViewersHost(String prefix) {
        JsonNode api = items(DISTRIBUTION.path("CacheBehaviors")).stream()
                .filter(behavior -> behavior.path("PathPattern").asText().equals(prefix + "/*"))
                .findFirst().orElseThrow(() -> new AssertionError("no behavior for " + prefix + "/*"));
        assertThat(api.path("ViewerProtocolPolicy").asText()).isEqualTo("https-only");
        assertThat(texts(api.path("AllowedMethods"))).contains("GET", "POST", "DELETE", "OPTIONS");
        assertThat(api.path("CachePolicyId").asText()).isEqualTo(CACHING_DISABLED);
        assertThat(api.path("OriginRequestPolicyId").asText()).isEqualTo(ALL_VIEWER_EXCEPT_HOST_HEADER);
        JsonNode origin = items(DISTRIBUTION.path("Origins")).stream()
                .filter(candidate -> candidate.path("Id").asText().equals(api.path("TargetOriginId").asText()))
                .findFirst().orElseThrow();
        assertThat(origin.at("/CustomOriginConfig/OriginProtocolPolicy").asText()).isEqualTo("https-only");
        assertThat(origin.path("OriginPath").toString()).as("the stage's path, taken from the API's URL")
                .contains("Fn::Split").contains(logicalId(STAGE.deployment.backend().api().api().getDeploymentStage()));
    }

    @Test
    void responsesCarrySecurityHeaders() {
        JsonNode headers = only(TEMPLATE, "AWS::CloudFront::ResponseHeadersPolicy")
                .at("/Properties/ResponseHeadersPolicyConfig/SecurityHeadersConfig");
        assertThat(headers.at("/StrictTransportSecurity/AccessControlMaxAgeSec").asInt()).isGreaterThanOrEqualTo(31_536_000);
        assertThat(headers.at("/FrameOptions/FrameOption").asText()).isEqualTo("DENY");
        assertThat(headers.at("/ContentTypeOptions/Override").asBoolean()).isTrue();
        String csp = headers.at("/ContentSecurityPolicy/ContentSecurityPolicy").toString();
        assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'")
                .as("the app may call Cognito and upload to the bucket").contains("amazoncognito.com")
                .contains("RegionalDomainName");
        for (String behavior : List.of("/DefaultCacheBehavior/ResponseHeadersPolicyId", "/CacheBehaviors/0/ResponseHeadersPolicyId")) {
            assertThat(DISTRIBUTION.at(behavior + "/Ref").asText()).isNotEmpty();
        }
    }

    @Test
    void accessIsLoggedToTheAccessLogsBucket() {
        assertThat(DISTRIBUTION.at("/Logging/Bucket/Fn::ImportValue").asText())
                .contains(logicalId(STAGE.deployment.data().accessLogs().bucket()));
        assertThat(DISTRIBUTION.at("/Logging/Prefix").asText()).isEqualTo(AccessLogsBucket.CLOUDFRONT_PREFIX);
    }
}
