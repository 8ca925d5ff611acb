package dev.persona.bookmarks;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.http.ApiException;
import dev.persona.items.Tags;

/** The body of {@code POST /v1/bookmarks} and {@code PUT /v1/bookmarks/{bookmarkId}} after schema validation. */
public record BookmarkInput(BookmarkUrls.Normalized url, String title, List<String> tags) {

    /** {@code json} must satisfy the bookmark schema; an address that is not one is a field error. */
    public static BookmarkInput from(JsonNode json) {
        BookmarkUrls.Normalized url = BookmarkUrls.normalize(json.get("url").asText());
        if (!url.valid()) {
            throw ApiException.invalidField("url", "must be an http or https address: " + url.problem().description());
        }
        String title = BookmarkTitles.clean(json.hasNonNull("title") ? json.get("title").asText() : null, url.host());
        return new BookmarkInput(url, title, Tags.from(json));
    }
}
