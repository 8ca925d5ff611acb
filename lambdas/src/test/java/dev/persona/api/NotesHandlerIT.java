package dev.persona.api;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.api.testing.ApiCall;
import dev.persona.api.testing.LocalAws;
import dev.persona.api.testing.OpenApiContract;
import dev.persona.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/notes} against DynamoDB Local: every answer must be one the OpenAPI document describes. */
class NotesHandlerIT {

    private static NotesHandler notes;

    @BeforeAll
    static void start() {
        LocalAws aws = LocalAws.shared();
        notes = new NotesHandler(aws.environment(), aws.dynamoDb());
    }

    @Test
    void createsReadsReplacesAndDeletesANoteWithEntityTags() throws Exception {
        String user = user();
        APIGatewayProxyResponseEvent created = call(ApiCall.of("POST", "/v1/notes").as(user)
                .jsonBody(note("Groceries", "- milk\n- **bread**", "home", "todo")));
        assertThat(created.getStatusCode()).isEqualTo(201);
        JsonNode note = body(created);
        String id = note.get("noteId").asText();
        String etag = created.getHeaders().get("ETag");
        assertThat(created.getHeaders()).containsEntry("Location", "/v1/notes/" + id);
        assertThat(note.get("body").asText()).isEqualTo("- milk\n- **bread**");
        assertThat(note.get("tags")).extracting(JsonNode::asText).containsExactlyInAnyOrder("home", "todo");

        APIGatewayProxyResponseEvent read = get(user, id, null);
        assertThat(read.getStatusCode()).isEqualTo(200);
        assertThat(read.getHeaders()).containsEntry("ETag", etag);
        assertThat(get(user, id, etag).getStatusCode()).isEqualTo(304);

        APIGatewayProxyResponseEvent replaced = put(user, id, etag, note("Groceries", "- milk", "home"));
        assertThat(replaced.getStatusCode()).isEqualTo(200);
        String newEtag = replaced.getHeaders().get("ETag");
        assertThat(newEtag).isNotEqualTo(etag);
        assertThat(body(replaced).get("createdAt")).isEqualTo(note.get("createdAt"));
        assertThat(ids(list(user, "todo", null))).isEmpty();
        assertThat(ids(list(user, "home", null))).containsExactly(id);

        APIGatewayProxyResponseEvent stale = put(user, id, etag, note("Old", "x"));
        assertThat(stale.getStatusCode()).isEqualTo(412);
        assertThat(body(stale).get("code").asText()).isEqualTo("PRECONDITION_FAILED");
        APIGatewayProxyResponseEvent unconditional = call(ApiCall.of("PUT", "/v1/notes/{noteId}").as(user)
                .path("noteId", id).jsonBody(note("No precondition", "x")));
        assertThat(unconditional.getStatusCode()).isEqualTo(428);
        assertThat(body(unconditional).get("code").asText()).isEqualTo("PRECONDITION_REQUIRED");
        assertThat(delete(user, id, etag).getStatusCode()).isEqualTo(412);

        APIGatewayProxyResponseEvent deleted = delete(user, id, newEtag);
        assertThat(deleted.getStatusCode()).isEqualTo(204);
        assertThat(deleted.getBody()).isNull();
        assertThat(get(user, id, null).getStatusCode()).isEqualTo(404);
        assertThat(delete(user, id, null).getStatusCode()).isEqualTo(404);
        assertThat(ids(list(user, "home", null))).isEmpty();
    }

    @Test
    void ofTwoWritersOfTheSameVersionExactlyOneWins() throws Exception {
        String user = user();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 15; round++) {
                APIGatewayProxyResponseEvent created = call(ApiCall.of("POST", "/v1/notes").as(user)
                        .jsonBody(note("Race " + round, "start", "race")));
                String id = body(created).get("noteId").asText();
                String etag = created.getHeaders().get("ETag");
                CountDownLatch ready = new CountDownLatch(2);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<APIGatewayProxyResponseEvent>> writers = new ArrayList<>();
                for (String writer : List.of("first", "second")) {
                    writers.add(threads.submit(() -> {
                        ready.countDown();
                        go.await();
                        return put(user, id, etag, note("By " + writer, writer, writer));
                    }));
                }
                ready.await();
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                String winner = null;
                for (Future<APIGatewayProxyResponseEvent> writer : writers) {
                    APIGatewayProxyResponseEvent response = writer.get();
                    statuses.add(response.getStatusCode());
                    if (response.getStatusCode() == 200) {
                        winner = body(response).get("body").asText();
                    }
                }
                assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(200, 412);
                JsonNode stored = body(get(user, id, null));
                assertThat(stored.get("body").asText()).isEqualTo(winner);
                assertThat(stored.get("tags")).extracting(JsonNode::asText).containsExactly(winner);
                assertThat(ids(list(user, "first", null)).size() + ids(list(user, "second", null)).size())
                        .as("one tag membership survives, the winner's").isEqualTo(round + 1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void listsNewestFirstAndByTagOnePageAtATime() throws Exception {
        String user = user();
        List<String> created = new ArrayList<>();
        List<String> tagged = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            boolean work = i % 2 == 0;
            String id = body(call(ApiCall.of("POST", "/v1/notes").as(user)
                    .jsonBody(work ? note("Note " + i, "text", "work") : note("Note " + i, "text")))).get("noteId")
                    .asText();
            created.add(id);
            if (work) {
                tagged.add(id);
            }
            Thread.sleep(3);
        }
        assertThat(pages(user, null, 3)).containsExactlyElementsOf(created.reversed());
        assertThat(pages(user, "work", 2)).containsExactlyElementsOf(tagged.reversed());
        JsonNode summary = body(list(user, null, null)).get("items").get(0);
        assertThat(summary.has("body")).as("listings leave bodies out").isFalse();
        assertThat(ids(list(user(), null, null))).as("another user's listing").isEmpty();
    }

    @Test
    void refusesCursorsOfAnotherListingOrUserAndInvalidBodies() throws Exception {
        String user = user();
        for (int i = 0; i < 3; i++) {
            call(ApiCall.of("POST", "/v1/notes").as(user).jsonBody(note("N" + i, "t", "a", "b")));
        }
        String allCursor = body(call(ApiCall.of("GET", "/v1/notes").as(user).query("limit", "1"))).get("nextCursor")
                .asText();
        String tagCursor = body(call(ApiCall.of("GET", "/v1/notes").as(user).query("tag", "a").query("limit", "1")))
                .get("nextCursor").asText();
        List<APIGatewayProxyResponseEvent> refused = List.of(
                call(ApiCall.of("GET", "/v1/notes").as(user).query("cursor", tagCursor)),
                call(ApiCall.of("GET", "/v1/notes").as(user).query("tag", "a").query("cursor", allCursor)),
                call(ApiCall.of("GET", "/v1/notes").as(user).query("tag", "b").query("cursor", tagCursor)),
                call(ApiCall.of("GET", "/v1/notes").as(user()).query("cursor", allCursor)),
                call(ApiCall.of("GET", "/v1/notes").as(user).query("cursor", "garbage")));
        for (APIGatewayProxyResponseEvent response : refused) {
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(body(response).get("code").asText()).isEqualTo("INVALID_CURSOR");
        }
        assertThat(call(ApiCall.of("GET", "/v1/notes").as(user).query("tag", "Not A Tag")).getStatusCode())
                .isEqualTo(400);

        ObjectNode tooLong = Json.MAPPER.createObjectNode().put("title", "t").put("body", "é".repeat(40_000));
        ObjectNode control = Json.MAPPER.createObjectNode().put("title", "a\u0007b").put("body", "x\u0000");
        ObjectNode badTags = (ObjectNode) Json.MAPPER.readTree(note("t", "b", "UPPER", "white space"));
        for (ObjectNode invalid : List.of(tooLong, control, badTags)) {
            APIGatewayProxyResponseEvent response = call(ApiCall.of("POST", "/v1/notes").as(user)
                    .jsonBody(invalid.toString()));
            assertThat(response.getStatusCode()).as(invalid.toString().substring(0, 30)).isEqualTo(400);
            assertThat(body(response).get("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void anotherUsersNoteIsNotFoundAndUntouched() throws Exception {
        String owner = user();
        APIGatewayProxyResponseEvent created = call(ApiCall.of("POST", "/v1/notes").as(owner)
                .jsonBody(note("Private", "secret")));
        String id = body(created).get("noteId").asText();
        String etag = created.getHeaders().get("ETag");
        String stranger = user();

        for (APIGatewayProxyResponseEvent response : List.of(get(stranger, id, null),
                put(stranger, id, etag, note("Mine", "now")), delete(stranger, id, etag), delete(stranger, id, null))) {
            assertThat(response.getStatusCode()).isEqualTo(404);
        }
        assertThat(get(owner, id, etag).getStatusCode()).isEqualTo(304);
    }

    private static List<String> pages(String user, String tag, int limit) throws Exception {
        List<String> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 20; page++) {
            ApiCall call = ApiCall.of("GET", "/v1/notes").as(user).query("limit", Integer.toString(limit));
            if (tag != null) {
                call.query("tag", tag);
            }
            if (cursor != null) {
                call.query("cursor", cursor);
            }
            JsonNode body = body(call(call));
            all.addAll(idsOf(body));
            if (!body.hasNonNull("nextCursor")) {
                return all;
            }
            cursor = body.get("nextCursor").asText();
        }
        throw new AssertionError("more than 20 pages");
    }

    static String note(String title, String text, String... tags) {
        ObjectNode note = Json.MAPPER.createObjectNode().put("title", title).put("body", text);
        ArrayNode array = note.putArray("tags");
        for (String tag : tags) {
            array.add(tag);
        }
        return note.toString();
    }

    private static APIGatewayProxyResponseEvent list(String user, String tag, String cursor) {
        ApiCall call = ApiCall.of("GET", "/v1/notes").as(user);
        if (tag != null) {
            call.query("tag", tag);
        }
        if (cursor != null) {
            call.query("cursor", cursor);
        }
        return call(call);
    }

    private static APIGatewayProxyResponseEvent get(String user, String id, String ifNoneMatch) {
        return call(ApiCall.of("GET", "/v1/notes/{noteId}").as(user).path("noteId", id)
                .header("If-None-Match", ifNoneMatch));
    }

    private static APIGatewayProxyResponseEvent put(String user, String id, String ifMatch, String json) {
        return call(ApiCall.of("PUT", "/v1/notes/{noteId}").as(user).path("noteId", id).header("If-Match", ifMatch)
                .jsonBody(json));
    }

    private static APIGatewayProxyResponseEvent delete(String user, String id, String ifMatch) {
        return call(ApiCall.of("DELETE", "/v1/notes/{noteId}").as(user).path("noteId", id)
                .header("If-Match", ifMatch));
    }

    /** Every answer is checked against the OpenAPI document. */
    private static APIGatewayProxyResponseEvent call(ApiCall call) {
        var event = call.event();
        APIGatewayProxyResponseEvent response = notes.handleRequest(event, null);
        OpenApiContract.assertConforms(event.getHttpMethod(), event.getResource(), response);
        return response;
    }

    private static List<String> ids(APIGatewayProxyResponseEvent response) throws Exception {
        return idsOf(body(response));
    }

    private static List<String> idsOf(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("noteId").asText()));
        return ids;
    }

    static JsonNode body(APIGatewayProxyResponseEvent response) throws Exception {
        return Json.MAPPER.readTree(response.getBody());
    }

    static String user() {
        return "google_" + UUID.randomUUID().toString().replace("-", "");
    }
}
