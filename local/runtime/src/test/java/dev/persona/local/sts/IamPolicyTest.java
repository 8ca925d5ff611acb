package dev.persona.local.sts;

import dev.persona.auth.UploadSessionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.persona.local.sts.IamPolicy.Decision.ALLOW;
import static dev.persona.local.sts.IamPolicy.Decision.DENY;
import static dev.persona.local.sts.IamPolicy.Decision.NOT_APPLICABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IamPolicyTest {

    private static final String OWN = "arn:aws:s3:::uploads-bucket/uploads/dev_alice/";

    @Test
    void theVendorsSessionPolicyAllowsTheUploadFamilyInTheUsersPrefixOnly() {
        IamPolicy policy = IamPolicy.parse(UploadSessionPolicy.document("aws", "uploads-bucket", "dev_alice"));

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
                    + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/${aws:username}\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Extra\":1}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},\"Other\":true}"})
    void refusesWhatIamRefusesAndWhatItCannotDecide(String document) {
        assertThatThrownBy(() -> IamPolicy.parse(document)).isInstanceOf(MalformedPolicyException.class);
    }

    @Test
    void aSessionMayDoOnlyWhatBothItsRoleAndItsSessionPolicyAllow() {
        IamPolicy role = IamPolicy.parse(UploaderRole.permissions("uploads-bucket"));
        IamPolicy session = IamPolicy.parse("""
                {"Statement":[{"Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],
                  "Resource":"arn:aws:s3:::uploads-bucket/*"},
                 {"Effect":"Deny","Action":"s3:PutObject","Resource":"arn:aws:s3:::uploads-bucket/uploads/banned/*"}]}""");
        SessionPermissions permissions = new SessionPermissions(role, session);

        assertThat(permissions.allows("s3:PutObject", "arn:aws:s3:::uploads-bucket/uploads/u/x")).isTrue();
        assertThat(permissions.allows("s3:PutObject", "arn:aws:s3:::uploads-bucket/processed/u/x"))
                .as("the session allows it, the role does not").isFalse();
        assertThat(permissions.allows("s3:GetObject", "arn:aws:s3:::uploads-bucket/uploads/u/x"))
                .as("the session allows it, the role does not").isFalse();
        assertThat(permissions.allows("s3:AbortMultipartUpload", "arn:aws:s3:::uploads-bucket/uploads/u/x"))
                .as("the role allows it, the session does not").isFalse();
        assertThat(permissions.allows("s3:PutObject", "arn:aws:s3:::uploads-bucket/uploads/banned/x"))
                .as("explicitly denied").isFalse();
        assertThat(new SessionPermissions(role, null)
                .allows("s3:AbortMultipartUpload", "arn:aws:s3:::uploads-bucket/uploads/u/x"))
                .as("without a session policy, the role's permissions").isTrue();
    }
}
