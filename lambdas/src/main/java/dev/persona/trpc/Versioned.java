package dev.persona.trpc;

import java.util.function.Supplier;

import dev.persona.bookmarks.Bookmark;
import dev.persona.bookmarks.BookmarkService;
import dev.persona.http.ApiException;
import dev.persona.http.EntityTags;
import dev.persona.http.ErrorCode;
import dev.persona.notes.Note;
import dev.persona.notes.NoteService;
import dev.persona.profile.Profile;
import dev.persona.profile.ProfileService;

/**
 * Results of the procedures over items written with optimistic concurrency: the REST route's body and, beside it,
 * the {@code ETag} the route sends as a header (the same value), which the update and delete procedures take back as
 * {@code ifMatch}. tRPC has no headers of its own to carry it.
 */
final class Versioned {

    private Versioned() {
    }

    /** The {@code VersionedProfile} component: {@code me.get}, {@code me.update}. */
    record VersionedProfile(String etag, ProfileService.ProfileView profile) {

        static VersionedProfile of(ProcedureCall call, Profile profile) {
            return new VersionedProfile(EntityTags.ofRevision(profile.revision()),
                    ProfileService.ProfileView.of(call.userId(), profile, call.claims()));
        }
    }

    /** The {@code VersionedNote} component: {@code notes.get}, {@code notes.create}, {@code notes.update}. */
    record VersionedNote(String etag, NoteService.NoteView note) {

        static VersionedNote of(Note note) {
            return new VersionedNote(EntityTags.ofRevision(note.revision()), NoteService.NoteView.of(note));
        }
    }

    /**
     * The {@code VersionedBookmark} component: {@code bookmarks.get}, {@code bookmarks.create},
     * {@code bookmarks.update}.
     */
    record VersionedBookmark(String etag, BookmarkService.BookmarkView bookmark) {

        static VersionedBookmark of(Bookmark bookmark) {
            return new VersionedBookmark(EntityTags.ofRevision(bookmark.revision()),
                    BookmarkService.BookmarkView.of(bookmark));
        }

        /**
         * The bookmark {@code create} makes; an address bookmarked already is a {@code CONFLICT} whose message names
         * the existing bookmark's link, which the REST route sends as {@code Location}.
         */
        static VersionedBookmark created(Supplier<Bookmark> create) {
            try {
                return of(create.get());
            } catch (BookmarkService.AlreadyBookmarkedException e) {
                throw new ApiException(ErrorCode.CONFLICT, "This address is bookmarked already: " + e.location()
                        + ".");
            }
        }
    }
}
