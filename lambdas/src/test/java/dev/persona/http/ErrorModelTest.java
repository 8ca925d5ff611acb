package dev.persona.http;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.GatewayResponses;
import dev.persona.json.Json;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;

/** The error-code enum and the one mapper from failures to problem responses. */
class ErrorModelTest {

    @Test
    void codesSharedWithTheGatewayHaveItsStatusAndTitle() {
        for (GatewayResponses.Entry entry : GatewayResponses.ALL) {
            for (ErrorCode code : ErrorCode.values()) {
                if (code.name().equals(entry.code())) {
                    assertThat(code.status()).as(code.name()).isEqualTo(entry.status());
                    assertThat(code.title()).as(code.name()).isEqualTo(entry.title());
                    assertThat(code.type()).isEqualTo(GatewayResponses.problemType(entry.code()));
                }
            }
        }
        assertThat(ErrorCode.UNAUTHORIZED.detail()).isEqualTo(GatewayResponses.UNAUTHORIZED.detail());
    }

    @Test
    void mapsAnApiExceptionToItsProblem() throws Exception {
        ApiResponse response = ProblemMapper.toResponse(
                ApiException.invalidField("sizeBytes", "must be at most 10 bytes"), "req-7");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        assertThat(Json.MAPPER.readTree(response.body())).isEqualTo(Json.MAPPER.readTree("""
                {"type": "urn:persona:problem:validation-failed", "title": "Validation Failed", "status": 400,
                 "detail": "One or more fields are invalid: see errors.", "code": "VALIDATION_FAILED",
                 "requestId": "req-7", "errors": [{"field": "sizeBytes", "message": "must be at most 10 bytes"}]}"""));
    }

    @Test
    void anUnexpectedFailureIsA500ThatRevealsNothing() throws Exception {
        IllegalStateException failure = new IllegalStateException("table jobs-prod in 123456789012 is missing",
                new RuntimeException("dev.persona.aws.DynamoJobRepository"));

        ApiResponse response = ProblemMapper.toResponse(failure, "req-9");

        assertThat(response.status()).isEqualTo(500);
        JsonNode problem = Json.MAPPER.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(problem.get("requestId").asText()).isEqualTo("req-9");
        assertThat(problem.get("detail").asText()).isEqualTo(ErrorCode.INTERNAL_ERROR.detail());
        assertThat(response.body()).doesNotContain("jobs-prod", "123456789012", "dev.persona", "Exception", "at ");
    }

    @Test
    void throttlingByAnAwsServiceIsARetryable503() throws Exception {
        var throttled = ProvisionedThroughputExceededException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
                .build();
        var slowDown = S3Exception.builder().statusCode(503)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("SlowDown").build()).build();

        for (RuntimeException failure : new RuntimeException[] {throttled, slowDown}) {
            ApiResponse response = ProblemMapper.toResponse(failure, "req-3");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.headers()).containsEntry("Retry-After", ProblemMapper.RETRY_AFTER_SECONDS);
            assertThat(Json.MAPPER.readTree(response.body()).get("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        }
        var accessDenied = S3Exception.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").build()).build();
        assertThat(ProblemMapper.toResponse(accessDenied, "r").status()).isEqualTo(500);
    }

    @Test
    void everyResponseIsNoStoreAndNosniff() {
        var event = ApiResponse.json(200, Map.of("a", 1)).toEvent(Map.of());

        assertThat(event.getHeaders()).containsEntry("Cache-Control", "no-store")
                .containsEntry("X-Content-Type-Options", "nosniff").containsEntry("Content-Type", "application/json");
    }
}
