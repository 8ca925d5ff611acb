package dev.persona.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadSessionPolicyTest {

    @Test
    void allowsOnlyUploadsIntoTheUsersOwnPrefixAndTheBucketKeyThroughS3() throws Exception {
        JsonNode policy = Json.MAPPER.readTree(UploadSessionPolicy.document("aws", "eu-west-1", "persona-uploads",
                "google_42"));

        assertThat(policy).isEqualTo(Json.MAPPER.readTree("""
                {"Version": "2012-10-17",
                 "Statement": [{"Effect": "Allow",
                   "Action": ["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
                   "Resource": ["arn:aws:s3:::persona-uploads/uploads/google_42/*"]},
                  {"Effect": "Allow", "Action": ["kms:GenerateDataKey", "kms:Decrypt"], "Resource": ["*"],
                   "Condition": {"StringEquals": {"kms:ViaService": ["s3.eu-west-1.amazonaws.com"]}}}]}"""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "a*", "a/b", "../other", "..", ".", "a?b", "${aws:username}", "ünïcode", "a b",
            "", "google_1/*", "x\u0000y"})
    void aUserIdThatCouldWidenTheResourceIsRefused(String userId) {
        assertThatThrownBy(() -> UploadSessionPolicy.document("aws", "us-east-1", "persona-uploads", userId))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a..b", "google_1", "0f3e9c8a-1b2c-4d5e-8f90-123456789abc", "dev_alice.smith"})
    void anyAcceptedUserIdYieldsExactlyItsOwnPrefixWithOneTrailingWildcard(String userId) throws Exception {
        JsonNode statement = Json.MAPPER.readTree(UploadSessionPolicy.document("aws", "us-east-1", "persona-uploads", userId))
                .at("/Statement/0");
        String resource = statement.get("Resource").get(0).asText();

        assertThat(resource).isEqualTo("arn:aws:s3:::persona-uploads/uploads/" + userId + "/*");
        assertThat(resource.indexOf('*')).isEqualTo(resource.length() - 1);
        assertThat(resource.chars().filter(c -> c == '?').count()).isZero();
        assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.has("NotAction") || statement.has("NotResource") || statement.has("Condition")).isFalse();
    }

    @Test
    void theLongestUserIdStillFitsStsPlainTextPolicyLimit() {
        String longest = "g".repeat(128);

        assertThat(UploadSessionPolicy.document("aws-us-gov", "us-gov-west-1", "a".repeat(63), longest).length())
                .isLessThanOrEqualTo(UploadSessionPolicy.MAX_POLICY_CHARS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Persona-Uploads", "a", "bucket/*", "bucket*", "-bucket"})
    void refusesBucketNamesThatAreNotS3Names(String bucket) {
        assertThatThrownBy(() -> UploadSessionPolicy.document("aws", "us-east-1", bucket, "google_1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sessionNamesFitStsRulesAndStayDistinct() {
        String shortName = UploadSessionPolicy.sessionName("google_42");
        String longA = UploadSessionPolicy.sessionName("a".repeat(100) + "1");
        String longB = UploadSessionPolicy.sessionName("a".repeat(100) + "2");

        assertThat(shortName).isEqualTo("user-google_42");
        for (String name : new String[] {shortName, longA, longB}) {
            assertThat(name).matches("[\\w+=,.@-]{2,64}");
        }
        assertThat(longA).hasSize(64).isNotEqualTo(longB);
    }

    @Test
    void readsThePartitionOfTheRole() {
        assertThat(UploadSessionPolicy.partitionOf("arn:aws-cn:iam::123456789012:role/x")).isEqualTo("aws-cn");
        assertThatThrownBy(() -> UploadSessionPolicy.partitionOf("role/x")).isInstanceOf(IllegalArgumentException.class);
    }
}
