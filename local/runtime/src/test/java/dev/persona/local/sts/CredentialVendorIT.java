package dev.persona.local.sts;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.auth.GetAwsCredentialsHandler;
import dev.persona.config.Environment;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.local.events.UploadEventBridge;
import dev.persona.contracts.iam.PermissionModel;
import dev.persona.local.iam.LocalIam;
import dev.persona.local.iam.S3Gate;
import dev.persona.local.iam.TestIam;
import dev.persona.local.servers.LocalS3Server;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The three stand-ins as the local runtime wires them: the project's credential vendor handler calls the
 * local STS, its credentials upload through the local S3, and the upload raises its pipeline event.
 */
class CredentialVendorIT {

    private static final String BUCKET = "persona-uploads";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void vendedCredentialsUploadIntoTheCallersPrefixAndTheUploadRaisesItsEvent() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        LocalIam iam = TestIam.iam(BUCKET, Clock.systemUTC());
        S3Gate gate = new S3Gate(iam, Map.of(BUCKET, iam.names().bucketKeyArn()));
        try (LocalSts sts = LocalSts.builder().iam(iam).build().start();
             UploadEventBridge bridge = UploadEventBridge.builder().bucket(BUCKET)
                     .target((id, json) -> events.add(json)).build().start();
             LocalS3Server s3 = LocalS3Server.builder().bucket(BUCKET).versioning(true)
                     .credentials(TestIam.ROOT_KEY, TestIam.ROOT_SECRET)
                     .blobStoreDecorator(bridge.blobStoreDecorator()).requestGate(gate).accessKeys(gate).build().start();
             StsClient stsClient = sts.client(iam.credentialsOf(TestIam.vendor()))) {
            GetAwsCredentialsHandler handler = new GetAwsCredentialsHandler(Environment.of(Map.of(
                    EnvironmentVariables.UPLOADS_BUCKET, BUCKET,
                    EnvironmentVariables.UPLOADER_ROLE_ARN, iam.role(PermissionModel.UPLOADER_ROLE).arn())), stsClient);

            APIGatewayProxyResponseEvent response = handler.handleRequest(credentialsRequest("dev_hana"), null);

            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
            JsonNode credentials = JSON.readTree(response.getBody());
            assertThat(credentials.get("prefix").asText()).isEqualTo("uploads/dev_hana/");
            assertThat(credentials.get("bucket").asText()).isEqualTo(BUCKET);
            try (S3Client hana = S3Client.builder().endpointOverride(s3.endpoint()).forcePathStyle(true)
                    .region(Region.of(credentials.get("region").asText()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                            credentials.get("accessKeyId").asText(), credentials.get("secretAccessKey").asText(),
                            credentials.get("sessionToken").asText())))
                    .build()) {
                String key = "uploads/dev_hana/job-1/My_Activity.json";
                hana.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("[]"));
                assertThatThrownBy(() -> hana.putObject(b -> b.bucket(BUCKET).key("uploads/dev_ivan/job-1/x.json"),
                        RequestBody.fromString("[]")))
                        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));

                assertThat(bridge.awaitIdle(Duration.ofSeconds(10))).isTrue();
                assertThat(events).singleElement().satisfies(event -> assertThat(JSON.readTree(event)
                        .at("/detail/object/key").asText()).isEqualTo(key));
            }
        }
    }

    /** {@code GET /v1/credentials} as API Gateway passes it on after the authorizer named the caller. */
    private static APIGatewayProxyRequestEvent credentialsRequest(String userId) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setRequestId("local-request");
        context.setAuthorizer(Map.of("userId", userId));
        return new APIGatewayProxyRequestEvent().withHttpMethod("GET").withResource("/v1/credentials")
                .withPath("/v1/credentials").withHeaders(Map.of()).withRequestContext(context);
    }
}
