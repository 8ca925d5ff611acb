package dev.persona.notes;

import java.util.List;

/**
 * A note as stored: a title, a Markdown body and tags. In a listing the body is not read ({@code null}).
 *
 * @param revision changes with every write; its entity tag is what {@code If-Match} names
 */
public record Note(String noteId, String title, String body, List<String> tags, String createdAt, String updatedAt,
        String revision) {

    public Note {
        tags = List.copyOf(tags);
    }
}
