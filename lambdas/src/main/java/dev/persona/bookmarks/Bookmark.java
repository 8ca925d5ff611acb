package dev.persona.bookmarks;

import java.util.List;

/**
 * A bookmark as stored: one per normalized address and user.
 *
 * @param addedAt  when the person bookmarked it: a browser export's {@code ADD_DATE}, else when it was created here
 * @param revision changes with every write; its entity tag is what {@code If-Match} names
 */
public record Bookmark(String bookmarkId, String url, String title, List<String> tags, String addedAt,
        String createdAt, String updatedAt, String revision) {

    public Bookmark {
        tags = List.copyOf(tags);
    }
}
