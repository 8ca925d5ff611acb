package dev.persona.bookmarks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.persona.api.Timestamps;
import dev.persona.contracts.ApiRoutes;
import dev.persona.contracts.StorageLayout;
import dev.persona.http.ApiException;
import dev.persona.http.ErrorCode;
import dev.persona.http.FieldError;
import dev.persona.items.Listings;
import dev.persona.items.Page;
import dev.persona.items.RevisionChecks;
import dev.persona.items.Revisions;
import dev.persona.items.Tags;
import dev.persona.items.WriteRefusedException;

/**
 * A person's bookmarks: one per normalized address, with a title and tags; created, imported from a browser's
 * bookmark file, read, listed newest first or by tag, replaced (with {@code If-Match}) and deleted. A bookmark's
 * address is what it is: a replacement keeps it (a new address is a new bookmark).
 */
public final class BookmarkService {

    static final String NOT_FOUND = "No such bookmark.";
    /** One import takes at most this many links: a browser's export of years of bookmarks. */
    public static final int MAX_IMPORT_ENTRIES = 20_000;
    /** A browser's export of 20,000 bookmarks with their icons stays below this many bytes; Lambda takes 6 MB. */
    public static final int MAX_IMPORT_BYTES = 5 * 1024 * 1024;

    private final BookmarkRepository bookmarks;
    private final Clock clock;

    public BookmarkService(BookmarkRepository bookmarks, Clock clock) {
        this.bookmarks = bookmarks;
        this.clock = clock;
    }

    /** Creates the bookmark; when its address is bookmarked already, a 409 naming the existing one. */
    public Bookmark create(String userId, BookmarkInput input) {
        String id = BookmarkIds.of(userId, input.url().url());
        String now = Timestamps.format(clock.instant());
        Bookmark bookmark = new Bookmark(id, input.url().url(), input.title(), input.tags(), now, now, now,
                Revisions.next());
        try {
            bookmarks.create(userId, bookmark);
        } catch (WriteRefusedException e) {
            throw new AlreadyBookmarkedException(self(id));
        }
        return bookmark;
    }

    public Bookmark get(String userId, String bookmarkId) {
        return find(userId, bookmarkId);
    }

    public Bookmark replace(String userId, String bookmarkId, BookmarkInput input, String ifMatch) {
        Bookmark previous = find(userId, bookmarkId);
        RevisionChecks.require(Optional.of(ifMatch), previous.revision());
        if (!previous.url().equals(input.url().url())) {
            throw ApiException.invalidFields(List.of(new FieldError("url", "a bookmark's address cannot change: "
                    + "create a bookmark of the new address (its address normalizes to " + previous.url() + ")")));
        }
        Bookmark next = new Bookmark(bookmarkId, previous.url(), input.title(), input.tags(), previous.addedAt(),
                previous.createdAt(), Timestamps.format(clock.instant()), Revisions.next());
        try {
            bookmarks.replace(userId, previous, next);
        } catch (WriteRefusedException e) {
            throw RevisionChecks.answer(e, NOT_FOUND);
        }
        return next;
    }

    public void delete(String userId, String bookmarkId, Optional<String> ifMatch) {
        RevisionChecks.delete(() -> find(userId, bookmarkId), Bookmark::revision, ifMatch,
                previous -> bookmarks.delete(userId, previous), NOT_FOUND);
    }

    public BookmarkList list(String userId, Optional<String> tag, Optional<String> limit, Optional<String> cursor) {
        Optional<String> filter = Tags.filter(tag);
        Page<Bookmark> page = bookmarks.list(userId, filter, Listings.limit(limit),
                cursor.map(encoded -> bookmarks.cursor(encoded, userId, filter)).orElse(null));
        return new BookmarkList(page.items().stream().map(BookmarkView::of).toList(),
                page.next().map(next -> next.encode()).orElse(null));
    }

    /**
     * Imports a browser's bookmark file of at most {@value #MAX_IMPORT_BYTES} bytes: every valid address not
     * bookmarked yet becomes a bookmark; the report counts what was added, what was there already and what was not an
     * address, with the first invalid links' lines.
     */
    public BookmarkImport.Report importFile(String userId, String html) {
        if (html.length() > MAX_IMPORT_BYTES || html.getBytes(StandardCharsets.UTF_8).length > MAX_IMPORT_BYTES) {
            throw new ApiException(ErrorCode.CONTENT_TOO_LARGE,
                    "A bookmark file may be at most " + MAX_IMPORT_BYTES / (1024 * 1024) + " MiB.");
        }
        if (html.isBlank()) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "The bookmark file is empty.");
        }
        List<NetscapeBookmarkFile.Entry> entries;
        try {
            entries = NetscapeBookmarkFile.parse(html, MAX_IMPORT_ENTRIES);
        } catch (NetscapeBookmarkFile.TooManyEntriesException e) {
            throw new ApiException(ErrorCode.CONTENT_TOO_LARGE,
                    "A bookmark file may hold at most " + MAX_IMPORT_ENTRIES + " links: split it.");
        }
        BookmarkImport run = new BookmarkImport(userId, entries, bookmarks.ids(userId), clock.instant());
        bookmarks.createAll(userId, run.added());
        return run.report(entries.size());
    }

    private Bookmark find(String userId, String bookmarkId) {
        if (!StorageLayout.isValidId(bookmarkId)) {
            throw new ApiException(ErrorCode.NOT_FOUND, NOT_FOUND);
        }
        return bookmarks.find(userId, bookmarkId).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, NOT_FOUND));
    }

    static String self(String bookmarkId) {
        return ApiRoutes.PREFIX + "/bookmarks/" + bookmarkId;
    }

    /** The address is bookmarked already: a 409 whose {@code Location} is the existing bookmark. */
    public static final class AlreadyBookmarkedException extends RuntimeException {

        private final String location;

        AlreadyBookmarkedException(String location) {
            super("already bookmarked", null, false, false);
            this.location = location;
        }

        public String location() {
            return location;
        }
    }

    /** A bookmark as the API shows it. */
    public record BookmarkView(String bookmarkId, String url, String title, List<String> tags, String addedAt,
            String createdAt, String updatedAt, Links links) {

        public static BookmarkView of(Bookmark bookmark) {
            return new BookmarkView(bookmark.bookmarkId(), bookmark.url(), bookmark.title(), bookmark.tags(),
                    bookmark.addedAt(), bookmark.createdAt(), bookmark.updatedAt(), new Links(self(bookmark.bookmarkId())));
        }
    }

    public record Links(String self) {
    }

    /** A page of bookmarks; {@code nextCursor} is absent on the last page. */
    public record BookmarkList(List<BookmarkView> items, String nextCursor) {
    }
}
