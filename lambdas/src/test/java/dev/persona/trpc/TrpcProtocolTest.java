package dev.persona.trpc;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.api.testing.ApiCall;
import dev.persona.api.testing.LocalAws;
import dev.persona.contracts.ApiRoutes;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.http.ApiRequest;
import dev.persona.http.ApiResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import static dev.persona.trpc.TrpcCall.get;
import static dev.persona.trpc.TrpcCall.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protocol's edge cases, answered by the handler before any service reaches AWS (its clients point nowhere): each
 * as tRPC's own request handler answers it, in tRPC's error shape with the REST API's validation and codes.
 */
class TrpcProtocolTest {

    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");
    private static final String USER = "google_1234";
    private static final String JOB_ID = "01JTRPC0000000000000000000";

    private static final TrpcHandler HANDLER = new TrpcHandler(LocalAws.environmentWithoutServers(Map.of(
            EnvironmentVariables.SIGNING_KEY_SECRET_ARN,
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:k-AbCdEf",
            EnvironmentVariables.DOWNLOAD_BASE_URL, "https://downloads.example")),
            DynamoDbClient.builder().region(Region.EU_WEST_1).endpointOverride(NOWHERE)
                    .credentialsProvider(AnonymousCredentialsProvider.create()).build(),
            S3Client.builder().region(Region.EU_WEST_1).endpointOverride(NOWHERE)
                    .credentialsProvider(AnonymousCredentialsProvider.create()).build(),
            SecretsManagerClient.builder().region(Region.EU_WEST_1).endpointOverride(NOWHERE)
                    .credentialsProvider(AnonymousCredentialsProvider.create()).build());

    private TrpcCall.Answer send(ApiCall call) {
        return TrpcCall.send(HANDLER, call.as(USER).event());
    }

    /** Asserts a tRPC error shape and returns it. */
    private static JsonNode assertError(JsonNode error, String code, int jsonRpcCode, int httpStatus, String path) {
        assertThat(error.path("code").asInt()).as(error.toString()).isEqualTo(jsonRpcCode);
        assertThat(error.at("/data/code").asText()).isEqualTo(code);
        assertThat(error.at("/data/httpStatus").asInt()).isEqualTo(httpStatus);
        assertThat(error.at("/data/requestId").asText()).isNotBlank();
        if (path == null) {
            assertThat(error.path("data").has("path")).as("an error of the whole request names no path").isFalse();
        } else {
            assertThat(error.at("/data/path").asText()).isEqualTo(path);
        }
        assertThat(error.path("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("dev.persona");
        assertThat(error.path("data").has("stack")).isFalse();
        return error;
    }

    @Test
    void malformedInputIsABadRequest() {
        for (ApiCall call : List.of(get("jobs.get", "{\"jobId\":", false), get("jobs.get", "not json", false),
                get("jobs.get", "{\"jobId\":\"a\",\"jobId\":\"b\"}", false), get("jobs.get", "{} {}", false))) {
            TrpcCall.Answer answer = send(call);
            assertThat(answer.status()).isEqualTo(400);
            JsonNode error = assertError(answer.error(), "BAD_REQUEST", -32600, 400, "jobs.get");
            assertThat(error.path("message").asText()).isEqualTo("The input is not valid JSON.");
            assertThat(error.at("/data/problemCode").asText()).isEqualTo("BAD_REQUEST");
        }
        TrpcCall.Answer emptyBody = send(post("uploads.create", null, false).header("Content-Type", "application/json"));
        assertError(emptyBody.error(), "BAD_REQUEST", -32600, 400, "uploads.create");
    }

    @Test
    void inputIsValidatedAsTheRestRoutesValidateIt() {
        TrpcCall.Answer wrongType = send(get("jobs.get", "{\"jobId\":5}", false));
        assertThat(wrongType.status()).isEqualTo(400);
        JsonNode error = assertError(wrongType.error(), "BAD_REQUEST", -32600, 400, "jobs.get");
        assertThat(error.at("/data/problemCode").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(error.path("message").asText()).isEqualTo("One or more fields are invalid: see errors.");
        assertThat(error.at("/data/errors/0/field").asText()).isEqualTo("jobId");

        JsonNode missing = send(get("jobs.get", null, false)).error();
        assertThat(missing.at("/data/errors/0/field").asText()).isEqualTo("input");
        JsonNode unknownMember = send(get("jobs.get", "{\"jobId\":\"x\",\"admin\":true}", false)).error();
        assertThat(unknownMember.at("/data/errors/0/field").asText()).isEqualTo("admin");

        JsonNode tooLarge = send(post("uploads.create", "{\"filename\":\"a.json\",\"contentType\":\"application/json\","
                + "\"sizeBytes\":2147483648,\"timezone\":\"Mars/Olympus\"}", false)).error();
        assertThat(tooLarge.at("/data/problemCode").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(tooLarge.at("/data/errors").findValuesAsText("field")).containsExactly("sizeBytes", "timezone");
        JsonNode schema = send(post("uploads.create", "{\"filename\":\"\",\"contentType\":\"image/png\"}", false))
                .error();
        assertThat(schema.at("/data/errors").findValuesAsText("field"))
                .contains("filename", "contentType", "sizeBytes");

        JsonNode limit = send(get("jobs.list", "{\"limit\":0}", false)).error();
        assertThat(limit.at("/data/errors/0").toString()).contains("limit").contains("from 1 to 100");
        JsonNode cursor = send(get("jobs.list", "{\"cursor\":\"garbage\"}", false)).error();
        assertThat(cursor.at("/data/problemCode").asText()).isEqualTo("INVALID_CURSOR");
        assertThat(cursor.at("/data/code").asText()).isEqualTo("BAD_REQUEST");
    }

    @Test
    void anUnknownProcedureIsNotFound() {
        for (String path : List.of("jobs.nope", "jobs", "", "jobs.get.more", "__proto__")) {
            TrpcCall.Answer answer = send(get(path, null, false));
            assertThat(answer.status()).as(path).isEqualTo(404);
            JsonNode error = assertError(answer.error(), "NOT_FOUND", -32004, 404, path);
            assertThat(error.path("message").asText()).isEqualTo("No procedure found on path \"" + path + "\"");
        }
    }

    @Test
    void aQuerySentAsAMutationAndTheReverseAreRefusedAsTrpcRefusesThem() {
        TrpcCall.Answer queryAsMutation = send(post("jobs.list", "{}", false));
        assertThat(queryAsMutation.status()).isEqualTo(405);
        assertThat(assertError(queryAsMutation.error(), "METHOD_NOT_SUPPORTED", -32005, 405, "jobs.list")
                .path("message").asText()).isEqualTo("Unsupported POST-request to query procedure at path \"jobs.list\"");

        TrpcCall.Answer mutationAsQuery = send(get("me.deleteData", null, false));
        assertThat(mutationAsQuery.status()).isEqualTo(405);
        assertThat(assertError(mutationAsQuery.error(), "METHOD_NOT_SUPPORTED", -32005, 405, "me.deleteData")
                .path("message").asText())
                .isEqualTo("Unsupported GET-request to mutation procedure at path \"me.deleteData\"");
    }

    @Test
    void aBatchOfNoCallsIsABadRequest() {
        TrpcCall.Answer answer = send(get("", "{}", true));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().isObject()).as("one error for the whole request, not an array").isTrue();
        assertError(answer.error(), "BAD_REQUEST", -32600, 400, null);
    }

    @Test
    void aBatchOverTheLimitIsABadRequestAndOneAtTheLimitIsServed() {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < TrpcEndpoint.MAX_BATCH_SIZE; i++) {
            paths.add("jobs.nope");
        }
        TrpcCall.Answer atLimit = send(get(String.join(",", paths), "{}", true));
        assertThat(atLimit.status()).isEqualTo(404);
        assertThat(atLimit.body()).hasSize(TrpcEndpoint.MAX_BATCH_SIZE);

        paths.add("jobs.nope");
        TrpcCall.Answer overLimit = send(get(String.join(",", paths), "{}", true));
        assertThat(overLimit.status()).isEqualTo(400);
        assertThat(assertError(overLimit.error(), "BAD_REQUEST", -32600, 400, null).path("message").asText())
                .startsWith("Batch call exceeds maximum size");
    }

    @Test
    void oversizedInputIsAPayloadTooLarge() {
        String big = "{\"jobId\":\"" + "x".repeat(InputSchema.DEFAULT_MAX_BYTES) + "\"}";
        for (ApiCall call : List.of(get("jobs.get", big, false), post("uploads.create", big, false),
                get("jobs.get,jobs.get", "{\"0\":" + big + "}", true))) {
            TrpcCall.Answer answer = send(call);
            assertThat(answer.status()).isEqualTo(413);
            JsonNode error = assertError(answer.error(), "PAYLOAD_TOO_LARGE", -32013, 413, null);
            assertThat(error.at("/data/problemCode").asText()).isEqualTo("CONTENT_TOO_LARGE");
        }
        String multiByte = "{\"jobId\":\"" + "é".repeat(InputSchema.DEFAULT_MAX_BYTES / 2 + 1) + "\"}";
        assertThat(send(get("jobs.get", multiByte, false)).status()).as("counted in UTF-8 bytes").isEqualTo(413);
    }

    @Test
    void aProcedureMayAllowALongerInputThanTheDefault() {
        // A body of 30,000 accented letters, each escaped in six bytes of JSON (180,000 bytes of input), is read and
        // validated (its blank title is the error), not refused for its size.
        String note = "{\"title\":\" \",\"body\":\"" + "\\u00e9".repeat(30_000) + "\"}";
        TrpcCall.Answer longNote = send(post("notes.create", note, false));
        assertThat(longNote.status()).isEqualTo(400);
        assertThat(longNote.error().at("/data/errors/0/field").asText()).isEqualTo("title");
        TrpcCall.Answer inABatch = send(post("uploads.create,notes.create", "{\"1\":" + note + "}", true));
        assertThat(inABatch.body().at("/1/error/data/errors/0/field").asText())
                .as("a batch may be as long as the longest input one of its calls allows").isEqualTo("title");

        String tooLong = "{\"title\":\"t\",\"body\":\"" + "x".repeat(AppRouter.NOTE_INPUT_BYTES) + "\"}";
        TrpcCall.Answer refused = send(post("notes.create", tooLong, false));
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.error().path("message").asText())
                .isEqualTo("The input is larger than " + AppRouter.NOTE_INPUT_BYTES + " bytes.");
        assertThat(send(post("uploads.create", "{\"filename\":\"" + "x".repeat(20 * 1024) + "\"}", false)).status())
                .as("uploads.create keeps the default").isEqualTo(413);
    }

    @Test
    void theInvalidFieldsOfARestBodyInsideTheInputAreNamedWithinIt() {
        JsonNode semantic = send(post("notes.update", "{\"noteId\":\"" + JOB_ID + "\",\"ifMatch\":\"\\\"r\\\"\","
                + "\"note\":{\"title\":\" \",\"body\":\"b\"}}", false)).error();
        assertThat(semantic.at("/data/problemCode").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(semantic.at("/data/errors").findValuesAsText("field")).containsExactly("note.title");

        JsonNode schema = send(post("notes.update", "{\"noteId\":\"n\",\"note\":{\"title\":\"t\",\"extra\":1}}",
                false)).error();
        assertThat(schema.at("/data/code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(schema.at("/data/errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("ifMatch", "note.body", "note.extra");

        JsonNode profile = send(post("me.update", "{\"changes\":{\"timezone\":\"Mars/Olympus\",\"locale\":\"--\"}}",
                false)).error();
        assertThat(profile.at("/data/errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("changes.timezone", "changes.locale");
        assertThat(send(post("me.update", "{\"changes\":{}}", false)).error().at("/data/errors/0/field").asText())
                .as("the REST body's minProperties").isEqualTo("changes");

        JsonNode bookmark = send(post("bookmarks.update", "{\"bookmarkId\":\"b\",\"ifMatch\":\"*\","
                + "\"bookmark\":{\"url\":\"ftp://example.com/\"}}", false)).error();
        assertThat(bookmark.at("/data/errors/0/field").asText()).isEqualTo("bookmark.url");
        assertThat(bookmark.at("/data/errors/0/message").asText()).startsWith("must be an http or https address");

        JsonNode created = send(post("bookmarks.create", "{\"url\":\"ftp://example.com/\"}", false)).error();
        assertThat(created.at("/data/errors/0/field").asText()).as("a REST body as the whole input").isEqualTo("url");
        JsonNode tag = send(get("notes.list", "{\"tag\":\"Not A Tag\"}", false)).error();
        assertThat(tag.at("/data/errors/0/field").asText()).isEqualTo("tag");
        JsonNode html = send(post("bookmarks.import", "{\"html\":\"\"}", false)).error();
        assertThat(html.at("/data/errors/0/field").asText()).isEqualTo("html");
    }

    @Test
    void aProcedureWithoutOutputAnswersAResultWithoutData() {
        TrpcEndpoint endpoint = new TrpcEndpoint(List.of(Procedure.mutation("test.act", null, (api, call) -> {
        })), null);

        ApiResponse single = endpoint.answer(ApiRequest.of(post("test.act", null, false).as(USER).event(), null));
        ApiResponse batch = endpoint.answer(ApiRequest.of(post("test.act,test.act", "{}", true).as(USER).event(),
                null));

        assertThat(single.status()).isEqualTo(200);
        assertThat(single.body()).as("as tRPC serializes an undefined result").isEqualTo("{\"result\":{}}");
        assertThat(batch.body()).isEqualTo("[{\"result\":{}},{\"result\":{}}]");
    }

    @Test
    void aBatchAnswersEveryCallInItsOwnSlotWithTrpcsStatus() {
        TrpcCall.Answer mixed = send(get("jobs.get,jobs.nope,jobs.list", "{\"0\":{\"jobId\":7},\"2\":{\"limit\":500}}",
                true));
        assertThat(mixed.status()).as("400 and 404 differ: Multi-Status").isEqualTo(207);
        assertThat(mixed.body().isArray()).isTrue();
        assertThat(mixed.body()).hasSize(3);
        assertError(mixed.body().get(0).path("error"), "BAD_REQUEST", -32600, 400, "jobs.get");
        assertError(mixed.body().get(1).path("error"), "NOT_FOUND", -32004, 404, "jobs.nope");
        assertError(mixed.body().get(2).path("error"), "BAD_REQUEST", -32600, 400, "jobs.list");

        TrpcCall.Answer same = send(get("jobs.get,jobs.get", "{\"0\":{\"jobId\":1},\"1\":{}}", true));
        assertThat(same.status()).as("the calls agree on 400").isEqualTo(400);

        TrpcCall.Answer notAnObject = send(get("jobs.get,jobs.get", "[{\"jobId\":\"" + JOB_ID + "\"}]", true));
        assertThat(notAnObject.body().get(1).path("error").path("message").asText())
                .isEqualTo("\"input\" needs to be an object when doing a batch call");
    }

    @Test
    void queriesAndMutationsDoNotMixInOneBatch() {
        TrpcCall.Answer answer = send(post("jobs.list,me.deleteData", "{}", true));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(assertError(answer.error(), "BAD_REQUEST", -32600, 400, null).path("message").asText())
                .isEqualTo("Cannot mix procedure types in call: query, mutation");
    }

    @Test
    void onlyJsonIsAcceptedAndNothingIsStreamed() {
        TrpcCall.Answer text = send(post("uploads.create", null, false).header("Content-Type", "text/plain"));
        assertThat(text.status()).isEqualTo(415);
        assertError(text.error(), "UNSUPPORTED_MEDIA_TYPE", -32015, 415, null);
        TrpcCall.Answer none = send(post("me.deleteData", null, false).header("Content-Type", null));
        assertThat(none.status()).isEqualTo(415);
        assertThat(none.error().path("message").asText()).startsWith("Missing content-type header");

        TrpcCall.Answer streamed = send(get("jobs.list", null, true).header("trpc-accept", "application/jsonl"));
        assertThat(streamed.status()).isEqualTo(501);
        assertError(streamed.error(), "NOT_IMPLEMENTED", -32603, 501, null);
    }

    @Test
    void withoutACallerNothingIsServed() {
        TrpcCall.Answer answer = TrpcCall.send(HANDLER, get("jobs.list", null, false).event());
        assertThat(answer.status()).isEqualTo(401);
        assertError(answer.error(), "UNAUTHORIZED", -32001, 401, null);
    }

    @Test
    void answersCarryTheApisCorsAndCachingHeaders() {
        TrpcCall.Answer answer = send(get("jobs.nope", null, false));
        assertThat(answer.response().getHeaders())
                .containsEntry("Content-Type", "application/json")
                .containsEntry("Access-Control-Allow-Origin", LocalAws.ORIGIN)
                .containsEntry("Cache-Control", "no-store")
                .containsEntry("X-Content-Type-Options", "nosniff");
    }

    @Test
    void aFailureOfAServiceIsAnInternalErrorThatNamesNothingInternal() {
        TrpcCall.Answer answer = send(get("jobs.get", "{\"jobId\":\"" + JOB_ID + "\"}", false));
        assertThat(answer.status()).isEqualTo(500);
        JsonNode error = assertError(answer.error(), "INTERNAL_SERVER_ERROR", -32603, 500, "jobs.get");
        assertThat(error.path("message").asText()).isEqualTo("Something went wrong on our side. Please retry later.");
        assertThat(answer.response().getBody()).doesNotContain("127.0.0.1").doesNotContain("SdkClientException");
    }

    @Test
    void anotherResourceIsTheMissingRoute() {
        var response = HANDLER.handleRequest(ApiCall.of("GET", ApiRoutes.PREFIX + "/jobs").as(USER).event(), null);
        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getBody()).contains("No such route.");
    }
}
