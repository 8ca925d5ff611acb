package dev.persona.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bookmarks are a source of the persona exactly when the profile says so: imported through the API, categorized
 * like the upload's visits by the real pipeline, they show up in the interests with their kind; and the profile's
 * time zone is the pipeline's for an upload that declares none.
 */
class BookmarksInPersonaIT {

    private static PersonaLocalRuntime stack;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
    }

    @Test
    void bookmarksShowUpInThePersonaWhenTheProfileAllowsIt() {
        ApiUser allowing = new ApiUser(stack, "bookmarks-on");
        ApiUser refusing = new ApiUser(stack, "bookmarks-off");
        ApiUser.body(allowing.send("PATCH", "/v1/me", "{\"bookmarksInPersona\":true,\"timezone\":\"Asia/Tokyo\"}"), 200);
        for (ApiUser user : List.of(allowing, refusing)) {
            JsonNode report = ApiUser.body(user.send("POST", "/v1/bookmarks/import", sportsBookmarks(120),
                    Map.of("Content-Type", "text/html")), 200);
            assertThat(report.path("imported").asInt()).isEqualTo(120);
        }

        JsonNode withBookmarks = personaOf(allowing);
        JsonNode withoutBookmarks = personaOf(refusing);

        assertThat(categories(withBookmarks)).contains("Sports", "Food & Drink");
        assertThat(categories(withoutBookmarks)).contains("Food & Drink").doesNotContain("Sports");
        JsonNode sports = interest(withBookmarks, "Sports");
        assertThat(sports.path("count").asInt()).isEqualTo(120);
        assertThat(sports.path("examples")).allSatisfy(example ->
                assertThat(example.path("kind").asText()).isEqualTo("bookmark"));
        assertThat(sports.path("topDomains")).extracting(domain -> domain.path("value").asText())
                .contains("espn.com");
        assertThat(withBookmarks.at("/timezone/id").asText()).isEqualTo("Asia/Tokyo");
        assertThat(withBookmarks.at("/timezone/source").asText()).isEqualTo("profile");
        assertThat(withoutBookmarks.at("/timezone/source").asText()).isNotEqualTo("profile");
    }

    /** An upload about food that declares no time zone, to its persona. */
    private static JsonNode personaOf(ApiUser user) {
        byte[] csv = ActivityFiles.csv(ActivityFiles.FOOD, 60);
        JsonNode upload = ApiUser.body(user.send("POST", "/v1/uploads", """
                {"filename": "food.csv", "contentType": "text/csv", "sizeBytes": %d}""".formatted(csv.length)), 201);
        String jobId = user.put(upload, csv);
        assertThat(user.awaitJob(jobId).path("status").asText()).isEqualTo("SUCCEEDED");
        return user.persona(jobId);
    }

    private static String sportsBookmarks(int count) {
        StringBuilder html = new StringBuilder("<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n");
        for (int i = 0; i < count; i++) {
            html.append("<DT><A HREF=\"https://www.espn.com/nba/game/").append(i).append("\" ADD_DATE=\"")
                    .append(1_700_000_000L + i * 86_400L).append("\">Lakers vs Celtics, game ").append(i)
                    .append("</A>\n");
        }
        return html.append("</DL><p>\n").toString();
    }

    private static List<String> categories(JsonNode persona) {
        List<String> categories = new ArrayList<>();
        persona.path("interests").forEach(interest -> categories.add(interest.path("category").asText()));
        return categories;
    }

    private static JsonNode interest(JsonNode persona, String category) {
        for (JsonNode interest : persona.path("interests")) {
            if (interest.path("category").asText().equals(category)) {
                return interest;
            }
        }
        throw new AssertionError("no interest " + category);
    }
}
