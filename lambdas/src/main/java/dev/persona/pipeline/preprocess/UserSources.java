package dev.persona.pipeline.preprocess;

import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the pipeline knows of a user besides their upload, from their profile: their time zone, the default for an
 * upload that declares none, and whether their bookmarks are a source of their persona; and those bookmarks.
 */
public interface UserSources {

    /** A user without a profile: no time zone of their own, no bookmarks. */
    UserSources NONE = new UserSources() {
        @Override
        public Preferences preferences(String userId) {
            return Preferences.NONE;
        }

        @Override
        public void bookmarks(String userId, Consumer<SavedBookmark> consumer) {
        }
    };

    Preferences preferences(String userId);

    /** Hands each of the user's bookmarks to {@code consumer}. */
    void bookmarks(String userId, Consumer<SavedBookmark> consumer);

    /**
     * @param timezone           the profile's zone, if it names one
     * @param bookmarksInPersona whether the user's bookmarks are a source of their persona
     */
    record Preferences(Optional<ZoneId> timezone, boolean bookmarksInPersona) {
        public static final Preferences NONE = new Preferences(Optional.empty(), false);
    }

    /** A bookmark as the pipeline reads it: when it was added (epoch milliseconds), its address and title. */
    record SavedBookmark(long addedAt, String url, String title) {
    }
}
