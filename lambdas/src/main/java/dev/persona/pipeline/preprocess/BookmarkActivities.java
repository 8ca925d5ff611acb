package dev.persona.pipeline.preprocess;

import dev.persona.domain.Activity;

/**
 * A user's bookmarks as activities of their persona, categorized like the visits of an upload: each is a
 * {@code bookmark} from the source {@value #SOURCE} at the time it was added, with its title and its address reduced
 * and redacted as every activity's are.
 */
public final class BookmarkActivities {

    public static final String SOURCE = "bookmarks";
    public static final String KIND = "bookmark";
    private static final int MAX_TEXT_LENGTH = 500;

    private BookmarkActivities() {
    }

    /** The activity of a bookmark, or null when neither its title nor its address says anything. */
    public static Activity of(UserSources.SavedBookmark bookmark) {
        WebAddress address = WebAddress.parse(bookmark.url());
        String text = Redactor.redact(Texts.clean(bookmark.title(), MAX_TEXT_LENGTH));
        if (address == null && text == null) {
            return null;
        }
        return new Activity(bookmark.addedAt(), false, SOURCE, KIND, text, null,
                address == null ? null : address.url(), address == null ? null : address.domain(), null, null, null, null,
                null, null);
    }
}
