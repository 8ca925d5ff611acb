package dev.persona.trpc;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.GatewayResponses;
import dev.persona.contracts.TrpcErrorCode;
import dev.persona.http.ApiException;
import dev.persona.http.ApiRequest;
import dev.persona.http.ApiResponse;
import dev.persona.http.ErrorCode;
import dev.persona.http.ProblemMapper;
import dev.persona.json.Json;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one mapping from the API's errors to tRPC's: an error's HTTP status picks tRPC's code for it, so every
 * {@link ErrorCode} reaches a tRPC client with the status the REST API answers it with.
 */
class TrpcErrorMappingTest {

    /** What each of the API's codes is in tRPC: written out, so that a change to the mapping is a visible one. */
    private static final Map<ErrorCode, TrpcErrorCode> EXPECTED = new EnumMap<>(Map.ofEntries(
            Map.entry(ErrorCode.BAD_REQUEST, TrpcErrorCode.BAD_REQUEST),
            Map.entry(ErrorCode.VALIDATION_FAILED, TrpcErrorCode.BAD_REQUEST),
            Map.entry(ErrorCode.INVALID_CURSOR, TrpcErrorCode.BAD_REQUEST),
            Map.entry(ErrorCode.UNAUTHORIZED, TrpcErrorCode.UNAUTHORIZED),
            Map.entry(ErrorCode.QUOTA_EXCEEDED, TrpcErrorCode.FORBIDDEN),
            Map.entry(ErrorCode.NOT_FOUND, TrpcErrorCode.NOT_FOUND),
            Map.entry(ErrorCode.CONFLICT, TrpcErrorCode.CONFLICT),
            Map.entry(ErrorCode.PRECONDITION_FAILED, TrpcErrorCode.PRECONDITION_FAILED),
            Map.entry(ErrorCode.CONTENT_TOO_LARGE, TrpcErrorCode.PAYLOAD_TOO_LARGE),
            Map.entry(ErrorCode.UNSUPPORTED_MEDIA_TYPE, TrpcErrorCode.UNSUPPORTED_MEDIA_TYPE),
            Map.entry(ErrorCode.PRECONDITION_REQUIRED, TrpcErrorCode.PRECONDITION_REQUIRED),
            Map.entry(ErrorCode.INTERNAL_ERROR, TrpcErrorCode.INTERNAL_SERVER_ERROR),
            Map.entry(ErrorCode.SERVICE_UNAVAILABLE, TrpcErrorCode.SERVICE_UNAVAILABLE)));

    /** An endpoint whose one procedure, {@code test.fail}, throws what the test gives it. */
    private static ApiResponse failWith(RuntimeException failure) {
        TrpcEndpoint endpoint = new TrpcEndpoint(List.of(Procedure.query("test.fail", null, "Job", (api, call) -> {
            throw failure;
        })), null);
        return endpoint.answer(ApiRequest.of(TrpcCall.get("test.fail", null, false).as("google_1").event(), null));
    }

    private static JsonNode error(ApiResponse response) throws Exception {
        return Json.MAPPER.readTree(response.body()).path("error");
    }

    @Test
    void everyErrorCodeHasItsTrpcCodeAndKeepsItsStatus() throws Exception {
        assertThat(EXPECTED).containsOnlyKeys(ErrorCode.values());
        for (ErrorCode code : ErrorCode.values()) {
            TrpcErrorCode trpc = EXPECTED.get(code);
            ApiResponse response = failWith(new ApiException(code));
            JsonNode error = error(response);

            assertThat(response.status()).as(code.name()).isEqualTo(code.status()).isEqualTo(trpc.httpStatus());
            assertThat(error.path("code").asInt()).as(code.name()).isEqualTo(trpc.jsonRpcCode());
            assertThat(error.at("/data/code").asText()).isEqualTo(trpc.name());
            assertThat(error.at("/data/httpStatus").asInt()).isEqualTo(code.status());
            assertThat(error.at("/data/problemCode").asText()).isEqualTo(code.name());
            assertThat(error.path("message").asText()).isEqualTo(code.detail());
        }
    }

    @Test
    void theGatewaysRefusalsMapTheSameWay() throws Exception {
        for (GatewayResponses.Entry entry : GatewayResponses.ALL) {
            JsonNode error = Json.MAPPER.readTree(entry.bodyTemplate()).path(GatewayResponses.TRPC_ERROR_MEMBER);
            TrpcErrorCode trpc = TrpcErrorCode.valueOf(error.at("/data/code").asText());
            assertThat(trpc.httpStatus()).as(entry.gatewayType()).isEqualTo(entry.status());
            assertThat(error.path("code").asInt()).isEqualTo(trpc.jsonRpcCode());
            assertThat(error.at("/data/problemCode").asText()).isEqualTo(entry.code());
            for (ErrorCode shared : ErrorCode.values()) {
                if (shared.name().equals(entry.code())) {
                    assertThat(trpc).as("the gateway's and the handlers' %s", shared).isEqualTo(EXPECTED.get(shared));
                }
            }
        }
    }

    @Test
    void aThrottledDependencyIsServiceUnavailableWithARetryHint() throws Exception {
        ApiResponse response = failWith((RuntimeException) DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build()).build());

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsEntry("Retry-After", ProblemMapper.RETRY_AFTER_SECONDS);
        assertThat(error(response).at("/data/code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
    }

    @Test
    void anyOtherFailureIsAnInternalErrorWithoutItsName() throws Exception {
        ApiResponse response = failWith(new IllegalStateException("table persona-jobs is gone: secret detail"));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("IllegalStateException").doesNotContain("secret")
                .doesNotContain("persona-jobs");
        assertThat(error(response).at("/data/code").asText()).isEqualTo("INTERNAL_SERVER_ERROR");
        assertThat(error(response).at("/data/problemCode").asText()).isEqualTo("INTERNAL_ERROR");
    }
}
