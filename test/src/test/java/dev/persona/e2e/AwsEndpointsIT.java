package dev.persona.e2e;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.Tables;
import dev.persona.local.runtime.Endpoints;
import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack's AWS endpoints with the unmodified AWS SDK for Java v2 (endpoint override, static credentials):
 * the bucket, the tables and the state machine are there, configured as the CDK app deploys them.
 */
class AwsEndpointsIT {

    private static PersonaLocalRuntime stack;
    private static Endpoints endpoints;
    private static StaticCredentialsProvider credentials;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        endpoints = stack.endpoints();
        credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(endpoints.accessKeyId(),
                endpoints.secretAccessKey()));
        ApiUser user = new ApiUser(stack, "aws-sdk");
        user.awaitJob(user.uploadWithPut("events.csv", "text/csv", ActivityFiles.csv(ActivityFiles.SPORTS, 40)));
    }

    @Test
    void s3ServesTheVersionedUploadsBucketWithCorsForTheWebOrigin() throws Exception {
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoints.s3()).region(Region.of(endpoints.region()))
                .credentialsProvider(credentials).forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .build()) {
            assertThat(s3.getBucketVersioning(b -> b.bucket(endpoints.bucket())).statusAsString()).isEqualTo("Enabled");
            assertThat(s3.listObjectsV2(b -> b.bucket(endpoints.bucket()).prefix("personas/dev_aws-sdk/")).contents())
                    .singleElement().satisfies(object -> assertThat(object.key()).endsWith("/persona.json"));
        }
        HttpResponse<Void> preflight = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        endpoints.s3().resolve("/" + endpoints.bucket() + "/uploads/x/y/z.json"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", PersonaLocalRuntime.WEB_ORIGIN)
                .header("Access-Control-Request-Method", "PUT").build(), HttpResponse.BodyHandlers.discarding());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PersonaLocalRuntime.WEB_ORIGIN);
    }

    @Test
    void dynamoDbHasTheTablesAsTheContractsDefineThem() {
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(endpoints.dynamoDb())
                .region(Region.of(endpoints.region())).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            TableDescription jobs = dynamoDb.describeTable(b -> b.tableName(endpoints.jobsTable())).table();
            assertThat(jobs.keySchema()).extracting(key -> key.attributeName() + ":" + key.keyTypeAsString())
                    .containsExactly("userId:HASH", "jobId:RANGE");
            assertThat(jobs.globalSecondaryIndexes()).singleElement()
                    .satisfies(index -> assertThat(index.indexName()).isEqualTo(Tables.BY_CREATED_AT));
            assertThat(dynamoDb.describeTimeToLive(b -> b.tableName(endpoints.jobsTable())).timeToLiveDescription()
                    .attributeName()).isEqualTo(Tables.JOBS.ttlAttribute());
            assertThat(dynamoDb.scan(b -> b.tableName(endpoints.personasTable())).items())
                    .anySatisfy(item -> assertThat(item.get("userId").s()).isEqualTo("dev_aws-sdk"));
        }
    }

    @Test
    void stepFunctionsRunsThePipelineWithTheCdkSubstitutions() {
        try (SfnClient sfn = SfnClient.builder().endpointOverride(endpoints.stepFunctions())
                .region(Region.of(endpoints.region())).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            String definition = sfn.describeStateMachine(b -> b.stateMachineArn(endpoints.stateMachineArn()))
                    .definition();
            assertThat(definition).doesNotContain("${")
                    .contains("\"" + endpoints.jobsTable() + "\"")
                    .contains("function:" + LambdaFunctions.PREPROCESS.id() + ":" + LambdaFunctions.ALIAS_NAME);
            assertThat(sfn.listExecutions(b -> b.stateMachineArn(endpoints.stateMachineArn())).executions())
                    .anySatisfy(execution -> assertThat(execution.statusAsString()).isEqualTo("SUCCEEDED"));
        }
    }
}
