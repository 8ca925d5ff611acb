package dev.persona.infra.constructs;

import java.util.Arrays;
import java.util.List;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * Acknowledges cdk-nag AwsSolutions findings on the one resource they concern, always with the reason,
 * and for the granular rules (IAM4, IAM5) only for the named finding, never for the whole rule.
 */
public final class NagAcknowledgements {

    private static final String PREFIX = "AwsSolutions-";

    private NagAcknowledgements() {
    }

    /** Acknowledges {@code rule} (for example {@code L1}) on {@code resource}. */
    public static void acknowledge(IConstruct resource, String rule, String reason) {
        NagSuppressions.addResourceSuppressions(resource, List.of(NagPackSuppression.builder()
                .id(PREFIX + rule).reason(reason).build()));
    }

    /**
     * Acknowledges the IAM5 findings {@code findings} (exact strings such as {@code Resource::*}) on the
     * policies of {@code principal} (a role and the policies beneath it).
     */
    public static void acknowledgeWildcards(IConstruct principal, String reason, String... findings) {
        acknowledgeGranular(principal, "IAM5", reason, Arrays.asList((Object[]) findings));
    }

    /**
     * Acknowledges the IAM5 finding for {@code pathPattern} (such as {@code uploads/*}) under the ARN of
     * {@code resource} on the policies of {@code principal}. The finding is matched by the resource's
     * logical id, so it holds whether the ARN is a local reference or a cross-stack import.
     */
    public static void acknowledgePathWildcard(IConstruct principal, CfnElement resource, String pathPattern,
            String reason) {
        String logicalId = Stack.of(resource).getLogicalId(resource);
        RegexAppliesTo finding = RegexAppliesTo.builder()
                .regex("/^Resource::.*" + logicalId + ".*/" + pathPattern.replace("*", "\\*") + "$/")
                .build();
        acknowledgeGranular(principal, "IAM5", reason, List.of(finding));
    }

    /** Acknowledges the IAM4 finding for the AWS managed policy {@code policyName} on {@code role}. */
    public static void acknowledgeManagedPolicy(IConstruct role, String policyName, String reason) {
        acknowledgeGranular(role, "IAM4", reason,
                List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/" + policyName));
    }

    private static void acknowledgeGranular(IConstruct principal, String rule, String reason, List<Object> findings) {
        NagSuppressions.addResourceSuppressions(principal, List.of(NagPackSuppression.builder()
                .id(PREFIX + rule).reason(reason).appliesTo(findings).build()), true);
    }
}
