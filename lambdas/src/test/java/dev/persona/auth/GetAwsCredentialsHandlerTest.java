package dev.persona.auth;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.config.Environment;
import dev.persona.json.Json;
import dev.persona.api.testing.ApiCall;
import dev.persona.api.testing.FakeStsServer;
import dev.persona.api.testing.LocalAws;
import dev.persona.api.testing.OpenApiContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code GET /v1/credentials} against a fake STS endpoint that records the AssumeRole request. */
class GetAwsCredentialsHandlerTest {

    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/persona-uploader";
    private static final String USER = "google_109876543210987654321";

    private FakeStsServer sts;
    private StsClient client;

    @BeforeEach
    void start() {
        sts = new FakeStsServer(7);
        client = StsClient.builder()
                .endpointOverride(sts.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("lambda", "role")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        sts.close();
    }

    @Test
    void assumesTheUploaderRoleWithExactlyTheCallersSessionPolicy() throws Exception {
        GetAwsCredentialsHandler handler = new GetAwsCredentialsHandler(environment(Map.of()), client);

        APIGatewayProxyResponseEvent response = handler.handleRequest(
                ApiCall.of("GET", "/v1/credentials").as(USER).event(), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        OpenApiContract.assertConforms("GET", "/v1/credentials", response);
        assertThat(sts.requests()).singleElement().isEqualTo(Map.ofEntries(
                Map.entry("Action", "AssumeRole"),
                Map.entry("Version", "2011-06-15"),
                Map.entry("RoleArn", ROLE_ARN),
                Map.entry("RoleSessionName", "user-" + USER),
                Map.entry("SourceIdentity", "user-" + USER),
                Map.entry("DurationSeconds", "900"),
                Map.entry("Policy", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":[\"s3:PutObject\",\"s3:AbortMultipartUpload\",\"s3:ListMultipartUploadParts\"],"
                        + "\"Resource\":[\"arn:aws:s3:::persona-uploads/uploads/" + USER + "/*\"]},"
                        + "{\"Effect\":\"Allow\",\"Action\":[\"kms:GenerateDataKey\",\"kms:Decrypt\"],\"Resource\":[\"*\"],"
                        + "\"Condition\":{\"StringEquals\":{\"kms:ViaService\":[\"s3.eu-west-1.amazonaws.com\"]}}}]}"),
                Map.entry("Tags.member.1.Key", "userId"),
                Map.entry("Tags.member.1.Value", USER)));
        JsonNode body = Json.MAPPER.readTree(response.getBody());
        assertThat(body).isEqualTo(Json.MAPPER.readTree("{\"accessKeyId\":\"" + FakeStsServer.ACCESS_KEY_ID
                + "\",\"secretAccessKey\":\"" + FakeStsServer.SECRET_ACCESS_KEY + "\",\"sessionToken\":\""
                + FakeStsServer.SESSION_TOKEN + "\",\"expiration\":\"" + FakeStsServer.EXPIRATION
                + "\",\"bucket\":\"persona-uploads\",\"region\":\"eu-west-1\",\"prefix\":\"uploads/" + USER + "/\"}"));
        assertThat(response.getHeaders()).containsEntry("Cache-Control", "no-store");
    }

    @Test
    void usesTheConfiguredDurationAndTheRolesPartition() {
        GetAwsCredentialsHandler handler = new GetAwsCredentialsHandler(environment(Map.of(
                "CREDENTIALS_DURATION_SECONDS", "3600",
                "UPLOADER_ROLE_ARN", "arn:aws-us-gov:iam::123456789012:role/persona-uploader")), client);

        handler.handleRequest(ApiCall.of("GET", "/v1/credentials").as(USER).event(), null);

        assertThat(sts.requests().get(0)).containsEntry("DurationSeconds", "3600");
        assertThat(sts.requests().get(0).get("Policy"))
                .contains("\"Resource\":[\"arn:aws-us-gov:s3:::persona-uploads/uploads/" + USER + "/*\"]");
    }

    @Test
    void refusesDurationsStsWouldRefuseForAChainedRole() {
        for (String seconds : new String[] {"899", "3601", "43200"}) {
            assertThatThrownBy(() -> new GetAwsCredentialsHandler(environment(Map.of(
                    "CREDENTIALS_DURATION_SECONDS", seconds)), client))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("CREDENTIALS_DURATION_SECONDS");
        }
    }

    @Test
    void aCallerWithoutAValidUserIdGetsNoCredentials() {
        GetAwsCredentialsHandler handler = new GetAwsCredentialsHandler(environment(Map.of()), client);

        for (String userId : new String[] {null, "*", "a/b", "..", "ünïcode", ""}) {
            ApiCall call = ApiCall.of("GET", "/v1/credentials");
            APIGatewayProxyResponseEvent response = handler.handleRequest(
                    (userId == null ? call : call.as(userId)).event(), null);
            assertThat(response.getStatusCode()).as(String.valueOf(userId)).isEqualTo(401);
            OpenApiContract.assertConforms("GET", "/v1/credentials", response);
        }
        assertThat(sts.requests()).isEmpty();
    }

    private static Environment environment(Map<String, String> overrides) {
        Map<String, String> variables = new java.util.HashMap<>(Map.of(
                "UPLOADS_BUCKET", LocalAws.BUCKET,
                "UPLOADER_ROLE_ARN", ROLE_ARN,
                "ALLOWED_ORIGINS", LocalAws.ORIGIN));
        variables.putAll(overrides);
        return Environment.of(variables);
    }
}
