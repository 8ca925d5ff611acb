package dev.persona.local.iam;

import java.util.Map;

import dev.persona.auth.UploadSessionPolicy;
import dev.persona.contracts.iam.PermissionModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.persona.local.iam.IamPolicy.Decision.ALLOW;
import static dev.persona.local.iam.IamPolicy.Decision.DENY;
import static dev.persona.local.iam.IamPolicy.Decision.NOT_APPLICABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IamPolicyTest {

    private static final String OWN = "arn:aws:s3:::uploads-bucket/uploads/dev_alice/";

    @Test
    void theVendorsSessionPolicyAllowsTheUploadFamilyInTheUsersPrefixOnly() {
        IamPolicy policy = IamPolicy.parse(UploadSessionPolicy.document("aws", "us-east-1", "uploads-bucket", "dev_alice"));

        assertThat(policy.evaluate("s3:PutObject", OWN + "job/file.json")).isEqualTo(ALLOW);
        assertThat(policy.evaluate("s3:AbortMultipartUpload", OWN + "job/file.json")).isEqualTo(ALLOW);
        assertThat(policy.evaluate("s3:ListMultipartUploadParts", OWN + "job/file.json")).isEqualTo(ALLOW);
        assertThat(policy.evaluate("s3:GetObject", OWN + "job/file.json")).isEqualTo(NOT_APPLICABLE);
        assertThat(policy.evaluate("s3:DeleteObject", OWN + "job/file.json")).isEqualTo(NOT_APPLICABLE);
        assertThat(policy.evaluate("s3:PutObject", "arn:aws:s3:::uploads-bucket/uploads/dev_alice2/x"))
                .isEqualTo(NOT_APPLICABLE);
        assertThat(policy.evaluate("s3:PutObject", "arn:aws:s3:::uploads-bucket/processed/dev_alice/x"))
                .isEqualTo(NOT_APPLICABLE);
        assertThat(policy.evaluate("s3:PutObject", "arn:aws:s3:::other-bucket/uploads/dev_alice/x"))
                .isEqualTo(NOT_APPLICABLE);
        assertThat(policy.evaluate("s3:ListBucket", "arn:aws:s3:::uploads-bucket")).isEqualTo(NOT_APPLICABLE);
    }

    @Test
    void anExplicitDenyWinsOverAnyAllow() {
        IamPolicy policy = IamPolicy.parse("""
                {"Version":"2012-10-17","Statement":[
                  {"Effect":"Allow","Action":"s3:*","Resource":"*"},
                  {"Effect":"Deny","Action":["s3:Delete*"],"Resource":"arn:aws:s3:::b/keep/*"}]}""");

        assertThat(policy.evaluate("s3:DeleteObject", "arn:aws:s3:::b/keep/x")).isEqualTo(DENY);
        assertThat(policy.evaluate("s3:DeleteObject", "arn:aws:s3:::b/other/x")).isEqualTo(ALLOW);
        assertThat(policy.evaluate("s3:GetObject", "arn:aws:s3:::b/keep/x")).isEqualTo(ALLOW);
        assertThat(policy.evaluate("sts:AssumeRole", "arn:aws:iam::000000000000:role/r")).isEqualTo(NOT_APPLICABLE);
    }

    @ParameterizedTest
    @CsvSource({
            "s3:PutObject, s3:putobject, true",
            "s3:Put*, s3:PutObjectAcl, true",
            "s3:*Object, s3:GetObject, true",
            "s3:Get?bject, s3:GetObject, true",
            "s3:Get?bject, s3:GetOObject, false",
            "s3:Put*, sts:PutObject, false",
            "*, sts:AssumeRole, true"})
    void actionsMatchWithWildcardsAndWithoutCase(String pattern, String action, boolean matches) {
        IamPolicy policy = IamPolicy.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"" + pattern
                + "\",\"Resource\":\"*\"}}");

        assertThat(policy.evaluate(action, "arn:aws:s3:::b/k")).isEqualTo(matches ? ALLOW : NOT_APPLICABLE);
    }

    @ParameterizedTest
    @CsvSource({
            "arn:aws:s3:::b/uploads/*, arn:aws:s3:::b/uploads/a/b/c, true",
            "arn:aws:s3:::b/uploads/*, arn:aws:s3:::b/uploads/, true",
            "arn:aws:s3:::b/uploads/*, arn:aws:s3:::b/Uploads/a, false",
            "arn:aws:s3:::b/uploads/*, arn:aws:s3:::b/uploads, false",
            "arn:aws:s3:::b/*/report.json, arn:aws:s3:::b/processed/u/j/report.json, true",
            "arn:aws:s3:::b/*/report.json, arn:aws:s3:::b/processed/u/j/report.json.gz, false",
            "arn:aws:s3:::b/??/x, arn:aws:s3:::b/ab/x, true",
            "arn:aws:s3:::b/??/x, arn:aws:s3:::b/abc/x, false",
            "arn:aws:s3:::b/a*b*c, arn:aws:s3:::b/aXXbYYbZZc, true",
            "arn:aws:s3:::b/a*b*c, arn:aws:s3:::b/aXXbYYcZZ, false"})
    void resourcesMatchWithWildcardsAndCase(String pattern, String resource, boolean matches) {
        IamPolicy policy = IamPolicy.parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":[\"" + pattern + "\"]}]}");

        assertThat(policy.evaluate("s3:GetObject", resource)).isEqualTo(matches ? ALLOW : NOT_APPLICABLE);
    }

    @Test
    void notActionAndNotResourceApplyToEverythingElse() {
        IamPolicy policy = IamPolicy.parse("""
                {"Statement":[{"Effect":"Allow","NotAction":"s3:Delete*","NotResource":"arn:aws:s3:::b/secret/*"}]}""");

        assertThat(policy.evaluate("s3:GetObject", "arn:aws:s3:::b/public/x")).isEqualTo(ALLOW);
        assertThat(policy.evaluate("s3:DeleteObject", "arn:aws:s3:::b/public/x")).isEqualTo(NOT_APPLICABLE);
        assertThat(policy.evaluate("s3:GetObject", "arn:aws:s3:::b/secret/x")).isEqualTo(NOT_APPLICABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "[]",
            "{\"Version\":\"2012-10-17\"}",
            "{\"Statement\":[]}",
            "{\"Version\":\"2020-01-01\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}",
            "{\"Statement\":{\"Effect\":\"allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}",
            "{\"Statement\":{\"Action\":\"s3:*\",\"Resource\":\"*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Resource\":\"*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"NotAction\":\"s3:Get*\",\"Resource\":\"*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":[1],\"Resource\":\"*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"PutObject\",\"Resource\":\"*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"bucket/*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Principal\":\"*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\","
                    + "\"Condition\":{\"NumericLessThan\":{\"s3:max-keys\":\"10\"}}}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\","
                    + "\"Condition\":{\"ForAnyValue:StringLike\":{\"aws:TagKeys\":\"a*\"}}}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\","
                    + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\","
                    + "\"Condition\":{\"NullIfExists\":{\"s3:prefix\":\"true\"}}}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\","
                    + "\"Condition\":{\"StringLike\":{\"s3:prefix\":\"${aws:username}/*\"}}}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/${aws:username}\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Extra\":1}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},\"Other\":true}"})
    void refusesWhatIamRefusesAndWhatItCannotDecide(String document) {
        assertThatThrownBy(() -> IamPolicy.parse(document)).isInstanceOf(MalformedPolicyException.class);
    }

    @Test
    void conditionsAreEvaluatedAsIamEvaluatesThem() {
        IamPolicy policy = IamPolicy.parse("""
                {"Statement":[
                  {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b",
                   "Condition":{"StringLike":{"s3:prefix":["uploads/*","personas/*"]}}},
                  {"Effect":"Allow","Action":"kms:Decrypt","Resource":"*",
                   "Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"},
                                "StringEqualsIgnoreCase":{"kms:CallerAccount":"123456789012"}}},
                  {"Effect":"Deny","Action":"s3:PutObject","Resource":"*",
                   "Condition":{"StringNotEquals":{"s3:x-amz-content-sha256":"UNSIGNED-PAYLOAD"}}},
                  {"Effect":"Allow","Action":"s3:PutObject","Resource":"*"},
                  {"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
                   "Condition":{"Null":{"s3:versionid":"true"},"Bool":{"aws:SecureTransport":"false"}}},
                  {"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*",
                   "Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/persona-*"}}}]}""");

        assertThat(policy.evaluate("s3:ListBucket", "arn:aws:s3:::b", context("s3:prefix", "uploads/dev_a/")))
                .isEqualTo(ALLOW);
        assertThat(policy.evaluate("s3:ListBucket", "arn:aws:s3:::b", context("S3:Prefix", "personas/x")))
                .as("keys match without regard to case").isEqualTo(ALLOW);
        assertThat(policy.evaluate("s3:ListBucket", "arn:aws:s3:::b", context("s3:prefix", "processed/")))
                .isEqualTo(NOT_APPLICABLE);
        assertThat(policy.evaluate("s3:ListBucket", "arn:aws:s3:::b")).as("a missing key fails a positive operator")
                .isEqualTo(NOT_APPLICABLE);
        assertThat(policy.evaluate("kms:Decrypt", "arn:aws:kms:us-east-1:123456789012:key/k", RequestContext.of(Map.of(
                "kms:ViaService", "s3.us-east-1.amazonaws.com", "kms:CallerAccount", "123456789012"))))
                .as("every key of every operator must hold").isEqualTo(ALLOW);
        assertThat(policy.evaluate("kms:Decrypt", "arn:aws:kms:us-east-1:123456789012:key/k",
                context("kms:ViaService", "s3.us-east-1.amazonaws.com"))).isEqualTo(NOT_APPLICABLE);
        assertThat(policy.evaluate("s3:PutObject", "arn:aws:s3:::b/k", context("s3:x-amz-content-sha256", "abc")))
                .as("a negated operator on another value").isEqualTo(DENY);
        assertThat(policy.evaluate("s3:PutObject", "arn:aws:s3:::b/k", context("s3:x-amz-content-sha256",
                "UNSIGNED-PAYLOAD"))).as("a negated operator on its own value").isEqualTo(ALLOW);
        assertThat(policy.evaluate("s3:PutObject", "arn:aws:s3:::b/k")).as("a negated operator holds for a missing key")
                .isEqualTo(DENY);
        assertThat(policy.evaluate("s3:GetObject", "arn:aws:s3:::b/k", context("aws:SecureTransport", "FALSE")))
                .as("Null true: the key is absent; Bool compares without case").isEqualTo(ALLOW);
        assertThat(policy.evaluate("s3:GetObject", "arn:aws:s3:::b/k", RequestContext.of(Map.of(
                "aws:SecureTransport", "false", "s3:versionid", "v1")))).isEqualTo(NOT_APPLICABLE);
        assertThat(policy.evaluate("sts:AssumeRole", "*",
                context("aws:PrincipalArn", "arn:aws:iam::123456789012:role/persona-local-jobs"))).isEqualTo(ALLOW);
        assertThat(policy.evaluate("sts:AssumeRole", "*",
                context("aws:PrincipalArn", "arn:aws:sts::123456789012:role/persona-local-jobs")))
                .as("ARN parts are compared one by one").isEqualTo(NOT_APPLICABLE);
    }

    @Test
    void aSessionMayDoOnlyWhatBothItsRoleAndItsSessionPolicyAllow() {
        LocalIam iam = TestIam.iam("uploads-bucket", java.time.Clock.systemUTC());
        LocalRole uploader = iam.role(PermissionModel.UPLOADER_ROLE);
        Caller.RoleSession withPolicy = iam.issue(uploader, "s", IamPolicy.parse("""
                {"Statement":[{"Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],
                  "Resource":"arn:aws:s3:::uploads-bucket/*"},
                 {"Effect":"Deny","Action":"s3:PutObject","Resource":"arn:aws:s3:::uploads-bucket/uploads/banned/*"}]}"""),
                null, java.time.Duration.ofMinutes(15));
        Caller.RoleSession withoutPolicy = iam.issue(uploader, "t", null, null, java.time.Duration.ofMinutes(15));

        assertThat(allows(iam, withPolicy, "s3:PutObject", "arn:aws:s3:::uploads-bucket/uploads/u/x")).isTrue();
        assertThat(allows(iam, withPolicy, "s3:PutObject", "arn:aws:s3:::uploads-bucket/processed/u/x"))
                .as("the session allows it, the role does not").isFalse();
        assertThat(allows(iam, withPolicy, "s3:GetObject", "arn:aws:s3:::uploads-bucket/uploads/u/x"))
                .as("the session allows it, the role does not").isFalse();
        assertThat(allows(iam, withPolicy, "s3:AbortMultipartUpload", "arn:aws:s3:::uploads-bucket/uploads/u/x"))
                .as("the role allows it, the session does not").isFalse();
        assertThatThrownBy(() -> iam.authorize(withPolicy, "s3:PutObject", "arn:aws:s3:::uploads-bucket/uploads/banned/x",
                RequestContext.EMPTY)).isInstanceOf(AccessDeniedException.class)
                .hasMessage("User: arn:aws:sts::123456789012:assumed-role/persona-local-uploader/s is not authorized to "
                        + "perform: s3:PutObject on resource: arn:aws:s3:::uploads-bucket/uploads/banned/x with an "
                        + "explicit deny in a session policy");
        assertThat(allows(iam, withoutPolicy, "s3:AbortMultipartUpload", "arn:aws:s3:::uploads-bucket/uploads/u/x"))
                .as("without a session policy, the role's permissions").isTrue();
    }

    private static boolean allows(LocalIam iam, Caller caller, String action, String resource) {
        return iam.allows(caller, action, resource, RequestContext.EMPTY);
    }

    private static RequestContext context(String key, String value) {
        return RequestContext.of(Map.of(key, value));
    }
}
