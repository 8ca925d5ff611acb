package dev.persona.api;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.api.testing.ApiCall;
import dev.persona.api.testing.BookmarkFiles;
import dev.persona.api.testing.LocalAws;
import dev.persona.api.testing.OpenApiContract;
import dev.persona.contracts.BookmarkAttributes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static dev.persona.api.NotesHandlerIT.body;
import static dev.persona.api.NotesHandlerIT.user;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/bookmarks} against DynamoDB Local: every answer must be one the OpenAPI document describes. */
class BookmarksHandlerIT {

    private static LocalAws aws;
    private static BookmarksHandler bookmarks;

    @BeforeAll
    static void start() {
        aws = LocalAws.shared();
        bookmarks = new BookmarksHandler(aws.environment(), aws.dynamoDb());
    }

    @Test
    void oneAddressIsOneBookmarkWhateverItsSpelling() throws Exception {
        String user = user();
        APIGatewayProxyResponseEvent created = post(user, "{\"url\":\"HTTPS://Example.COM:443/a/../b#frag\","
                + "\"tags\":[\"read\"]}");
        assertThat(created.getStatusCode()).isEqualTo(201);
        JsonNode bookmark = body(created);
        String id = bookmark.get("bookmarkId").asText();
        assertThat(bookmark.get("url").asText()).isEqualTo("https://example.com/b");
        assertThat(bookmark.get("title").asText()).as("the host when untitled").isEqualTo("example.com");

        APIGatewayProxyResponseEvent again = post(user, "{\"url\":\"https://example.com/b\",\"title\":\"Again\"}");
        assertThat(again.getStatusCode()).isEqualTo(409);
        assertThat(body(again).get("code").asText()).isEqualTo("CONFLICT");
        assertThat(again.getHeaders()).containsEntry("Location", "/v1/bookmarks/" + id);

        String etag = created.getHeaders().get("ETag");
        APIGatewayProxyResponseEvent moved = put(user, id, etag, "{\"url\":\"https://example.com/c\"}");
        assertThat(moved.getStatusCode()).isEqualTo(400);
        assertThat(body(moved).at("/errors/0/field").asText()).isEqualTo("url");
        APIGatewayProxyResponseEvent renamed = put(user, id, etag,
                "{\"url\":\"https://EXAMPLE.com/b\",\"title\":\"B\",\"tags\":[\"done\"]}");
        assertThat(renamed.getStatusCode()).isEqualTo(200);
        assertThat(body(renamed).get("title").asText()).isEqualTo("B");
        assertThat(put(user, id, etag, "{\"url\":\"https://example.com/b\"}").getStatusCode()).isEqualTo(412);
        assertThat(ids(call(ApiCall.of("GET", "/v1/bookmarks").as(user).query("tag", "done")))).containsExactly(id);
        assertThat(ids(call(ApiCall.of("GET", "/v1/bookmarks").as(user).query("tag", "read")))).isEmpty();

        String stranger = user();
        for (APIGatewayProxyResponseEvent response : List.of(get(stranger, id),
                put(stranger, id, renamed.getHeaders().get("ETag"), "{\"url\":\"https://example.com/b\"}"),
                call(ApiCall.of("DELETE", "/v1/bookmarks/{bookmarkId}").as(stranger).path("bookmarkId", id)))) {
            assertThat(response.getStatusCode()).isEqualTo(404);
        }
        assertThat(post(stranger, "{\"url\":\"https://example.com/b\"}").getStatusCode())
                .as("the same address is another person's own bookmark").isEqualTo(201);

        assertThat(call(ApiCall.of("DELETE", "/v1/bookmarks/{bookmarkId}").as(user).path("bookmarkId", id))
                .getStatusCode()).isEqualTo(204);
        assertThat(get(user, id).getStatusCode()).isEqualTo(404);
        assertThat(post(user, "{\"url\":\"javascript:alert(1)\"}").getStatusCode()).isEqualTo(400);
    }

    @Test
    void importsARealShapedExportOfTenThousandLinksOnceAndIdempotently() throws Exception {
        String user = user();
        BookmarkFiles.BookmarkFile file = BookmarkFiles.generate(10_000, 42);
        post(user, "{\"url\":\"" + file.urls().get(5) + "\",\"title\":\"Mine already\"}");

        long started = System.nanoTime();
        APIGatewayProxyResponseEvent first = importFile(user, file.html());
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(first.getStatusCode()).isEqualTo(200);
        JsonNode report = body(first);
        assertThat(report.get("received").asInt()).isEqualTo(10_000);
        assertThat(report.get("imported").asInt()).isEqualTo(file.unique() - 1);
        assertThat(report.get("duplicates").asInt()).isEqualTo(file.duplicates() + 1);
        assertThat(report.get("invalid").asInt()).isEqualTo(file.invalid());
        assertThat(report.get("invalidSamples")).hasSize(20);
        assertThat(report.get("invalidByReason").fieldNames()).toIterable()
                .contains("not-http", "no-host", "credentials", "bad-port");
        System.out.printf("imported %d of 10,000 links in %d ms%n", report.get("imported").asInt(), millis);

        assertThat(storedBookmarks(user)).isEqualTo(file.unique());
        JsonNode again = body(importFile(user, file.html()));
        assertThat(again.get("imported").asInt()).isZero();
        assertThat(again.get("duplicates").asInt()).isEqualTo(file.unique() + file.duplicates());
        assertThat(storedBookmarks(user)).isEqualTo(file.unique());
        assertThat(body(get(user, bookmarkIdOf(user, file.urls().get(5)))).get("title").asText())
                .as("an existing bookmark is left as it was").isEqualTo("Mine already");

        JsonNode tagged = body(call(ApiCall.of("GET", "/v1/bookmarks").as(user).query("tag", "read-later")
                .query("limit", "100")));
        assertThat(tagged.get("items")).hasSize(100);
        assertThat(tagged.get("items").get(0).get("tags")).extracting(JsonNode::asText).contains("favourites");
    }

    @Test
    void anImportIsHtmlOfBoundedSize() throws Exception {
        String user = user();
        APIGatewayProxyResponseEvent json = call(ApiCall.of("POST", "/v1/bookmarks/import").as(user)
                .jsonBody("{\"url\":\"https://example.com\"}"));
        assertThat(json.getStatusCode()).isEqualTo(415);
        APIGatewayProxyResponseEvent large = importFile(user, "<DL>" + " ".repeat(6 * 1024 * 1024));
        assertThat(large.getStatusCode()).isEqualTo(413);
        JsonNode empty = body(importFile(user, "<!DOCTYPE NETSCAPE-Bookmark-file-1><DL><p></DL>"));
        assertThat(empty.get("received").asInt()).isZero();
    }

    private static int storedBookmarks(String user) {
        Set<String> ids = new HashSet<>();
        aws.dynamoDb().queryPaginator(q -> q.tableName(LocalAws.tableName(dev.persona.contracts.Tables.BOOKMARKS))
                .keyConditionExpression("userId = :u").expressionAttributeValues(Map.of(":u", AttributeValue.fromS(user))))
                .items().forEach(item -> {
                    String id = item.get(BookmarkAttributes.BOOKMARK_ID).s();
                    if (!id.contains("#")) {
                        ids.add(id);
                    }
                });
        return ids.size();
    }

    private static String bookmarkIdOf(String user, String url) {
        return dev.persona.bookmarks.BookmarkIds.of(user, dev.persona.bookmarks.BookmarkUrls.normalize(url).url());
    }

    private static APIGatewayProxyResponseEvent importFile(String user, String html) {
        return call(ApiCall.of("POST", "/v1/bookmarks/import").as(user).body("text/html; charset=UTF-8", html));
    }

    private static APIGatewayProxyResponseEvent post(String user, String json) {
        return call(ApiCall.of("POST", "/v1/bookmarks").as(user).jsonBody(json));
    }

    private static APIGatewayProxyResponseEvent get(String user, String id) {
        return call(ApiCall.of("GET", "/v1/bookmarks/{bookmarkId}").as(user).path("bookmarkId", id));
    }

    private static APIGatewayProxyResponseEvent put(String user, String id, String ifMatch, String json) {
        return call(ApiCall.of("PUT", "/v1/bookmarks/{bookmarkId}").as(user).path("bookmarkId", id)
                .header("If-Match", ifMatch).jsonBody(json));
    }

    private static List<String> ids(APIGatewayProxyResponseEvent response) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        body(response).get("items").forEach(item -> ids.add(item.get("bookmarkId").asText()));
        return ids;
    }

    private static APIGatewayProxyResponseEvent call(ApiCall call) {
        var event = call.event();
        APIGatewayProxyResponseEvent response = bookmarks.handleRequest(event, null);
        OpenApiContract.assertConforms(event.getHttpMethod(), event.getResource(), response);
        return response;
    }
}
