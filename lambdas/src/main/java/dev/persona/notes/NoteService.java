package dev.persona.notes;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.persona.api.Timestamps;
import dev.persona.api.UploadIds;
import dev.persona.contracts.ApiRoutes;
import dev.persona.contracts.StorageLayout;
import dev.persona.http.ApiException;
import dev.persona.http.ErrorCode;
import dev.persona.items.Listings;
import dev.persona.items.Page;
import dev.persona.items.RevisionChecks;
import dev.persona.items.Revisions;
import dev.persona.items.Tags;
import dev.persona.items.WriteRefusedException;

/**
 * A person's notes: created, read, listed newest first or by tag, replaced and deleted with optimistic
 * concurrency. A replacement must name the revision it replaces ({@code If-Match}); two writers of the same revision
 * cannot both win, the second gets 412. Another user's note, like a missing one, is not found.
 */
public final class NoteService {

    static final String NOT_FOUND = "No such note.";

    private final NoteRepository notes;
    private final UploadIds ids;
    private final Clock clock;

    public NoteService(NoteRepository notes, Clock clock) {
        this.notes = notes;
        this.ids = new UploadIds(clock);
        this.clock = clock;
    }

    public Note create(String userId, NoteInput input) {
        String now = Timestamps.format(clock.instant());
        Note note = new Note(ids.next(), input.title(), input.body(), input.tags(), now, now, Revisions.next());
        notes.create(userId, note);
        return note;
    }

    public Note get(String userId, String noteId) {
        return find(userId, noteId);
    }

    /** Replaces the note the caller read: {@code ifMatch} must name its current revision. */
    public Note replace(String userId, String noteId, NoteInput input, String ifMatch) {
        Note previous = find(userId, noteId);
        RevisionChecks.require(Optional.of(ifMatch), previous.revision());
        Note next = new Note(noteId, input.title(), input.body(), input.tags(), previous.createdAt(),
                Timestamps.format(clock.instant()), Revisions.next());
        try {
            notes.replace(userId, previous, next);
        } catch (WriteRefusedException e) {
            throw RevisionChecks.answer(e, NOT_FOUND);
        }
        return next;
    }

    /** Deletes the note; with {@code ifMatch}, only at that revision. */
    public void delete(String userId, String noteId, Optional<String> ifMatch) {
        RevisionChecks.delete(() -> find(userId, noteId), Note::revision, ifMatch,
                previous -> notes.delete(userId, previous), NOT_FOUND);
    }

    public NoteList list(String userId, Optional<String> tag, Optional<String> limit, Optional<String> cursor) {
        Optional<String> filter = Tags.filter(tag);
        int pageSize = Listings.limit(limit);
        Page<Note> page = notes.list(userId, filter, pageSize,
                cursor.map(encoded -> notes.cursor(encoded, userId, filter)).orElse(null));
        return new NoteList(page.items().stream().map(NoteSummary::of).toList(),
                page.next().map(next -> next.encode()).orElse(null));
    }

    private Note find(String userId, String noteId) {
        if (!StorageLayout.isValidId(noteId)) {
            throw new ApiException(ErrorCode.NOT_FOUND, NOT_FOUND);
        }
        return notes.find(userId, noteId).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, NOT_FOUND));
    }

    /** The link to a note. */
    static String self(String noteId) {
        return ApiRoutes.PREFIX + "/notes/" + noteId;
    }

    /** A note as the API shows it. */
    public record NoteView(String noteId, String title, String body, List<String> tags, String createdAt,
            String updatedAt, Links links) {

        public static NoteView of(Note note) {
            return new NoteView(note.noteId(), note.title(), note.body(), note.tags(), note.createdAt(),
                    note.updatedAt(), new Links(self(note.noteId())));
        }
    }

    /** A note in a listing: without its body. */
    public record NoteSummary(String noteId, String title, List<String> tags, String createdAt, String updatedAt,
            Links links) {

        static NoteSummary of(Note note) {
            return new NoteSummary(note.noteId(), note.title(), note.tags(), note.createdAt(), note.updatedAt(),
                    new Links(self(note.noteId())));
        }
    }

    public record Links(String self) {
    }

    /** A page of notes; {@code nextCursor} is absent on the last page. */
    public record NoteList(List<NoteSummary> items, String nextCursor) {
    }
}
