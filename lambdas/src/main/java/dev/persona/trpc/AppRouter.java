package dev.persona.trpc;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.persona.bookmarks.BookmarkInput;
import dev.persona.bookmarks.BookmarkService;
import dev.persona.contracts.RequestSchemas;
import dev.persona.notes.NoteInput;
import dev.persona.profile.ProfileChanges;
import dev.persona.trpc.Versioned.VersionedBookmark;
import dev.persona.trpc.Versioned.VersionedNote;
import dev.persona.trpc.Versioned.VersionedProfile;

import static dev.persona.trpc.InputSchema.optional;
import static dev.persona.trpc.InputSchema.required;
import static dev.persona.trpc.Procedure.mutation;
import static dev.persona.trpc.Procedure.query;

/**
 * The procedures served under {@code /trpc}: each is one line here, calling the service its REST route calls. The
 * TypeScript declaration {@code clients/src/generated/app-router.d.ts} is generated from this list (a test fails when
 * the checked-in file differs).
 */
public final class AppRouter {

    /** {@code {limit?, cursor?}}: the query parameters of {@code GET /v1/jobs} and {@code GET /v1/files}. */
    public static final String PAGE_INPUT = "trpc/page-input.json";
    /** {@code {tag?, limit?, cursor?}}: the query parameters of {@code GET /v1/notes} and {@code GET /v1/bookmarks}. */
    public static final String TAGGED_PAGE_INPUT = "trpc/tagged-page-input.json";
    /** {@code {jobId}}: the path parameter of {@code GET /v1/jobs/{jobId}} and {@code GET /v1/personas/{jobId}}. */
    public static final String JOB_ID_INPUT = "trpc/job-id-input.json";
    /** {@code {ifMatch?, changes}}: {@code PATCH /v1/me}'s {@code If-Match} and body. */
    public static final String PROFILE_UPDATE_INPUT = "trpc/profile-update-input.json";
    public static final String NOTE_ID_INPUT = "trpc/note-id-input.json";
    /** {@code {noteId, ifMatch, note}}: {@code PUT /v1/notes/{noteId}}'s path parameter, {@code If-Match} and body. */
    public static final String NOTE_UPDATE_INPUT = "trpc/note-update-input.json";
    public static final String NOTE_DELETE_INPUT = "trpc/note-delete-input.json";
    public static final String BOOKMARK_ID_INPUT = "trpc/bookmark-id-input.json";
    public static final String BOOKMARK_UPDATE_INPUT = "trpc/bookmark-update-input.json";
    public static final String BOOKMARK_DELETE_INPUT = "trpc/bookmark-delete-input.json";
    /** {@code {html}}: the bookmark file {@code POST /v1/bookmarks/import} takes as its body. */
    public static final String BOOKMARKS_IMPORT_INPUT = "trpc/bookmarks-import-input.json";
    public static final String FILE_ID_INPUT = "trpc/file-id-input.json";

    /** A note as JSON, with room for its id and ETag around it. */
    static final int NOTE_INPUT_BYTES = NoteInput.MAX_JSON_BYTES + InputSchema.DEFAULT_MAX_BYTES;
    /**
     * A bookmark file as a JSON string: the most Lambda accepts in a request. The file's own limit,
     * {@value BookmarkService#MAX_IMPORT_BYTES} bytes, applies to the decoded text, as for the REST route.
     */
    static final int IMPORT_INPUT_BYTES = 6 * 1024 * 1024;

    public static final List<Procedure> PROCEDURES = List.of(
            query("jobs.list", optional(PAGE_INPUT), "JobList",
                    (api, call) -> api.jobs().list(call.userId(), call.text("limit"), call.text("cursor"))),
            query("jobs.get", required(JOB_ID_INPUT), "Job",
                    (api, call) -> api.jobs().get(call.userId(), call.string("jobId"))),
            query("personas.latest", null, "Persona",
                    (api, call) -> new JsonText(api.personas().latest(call.userId()))),
            query("personas.get", required(JOB_ID_INPUT), "Persona",
                    (api, call) -> new JsonText(api.personas().forJob(call.userId(), call.string("jobId")))),
            mutation("uploads.create", required(RequestSchemas.CREATE_UPLOAD), "CreatedUpload",
                    (api, call) -> api.uploads().create(call.userId(), call.input())),
            query("me.get", null, "VersionedProfile",
                    (api, call) -> VersionedProfile.of(call, api.profiles().get(call.userId(), call.claims()))),
            mutation("me.update", required(PROFILE_UPDATE_INPUT), "VersionedProfile",
                    (api, call) -> VersionedProfile.of(call, call.member("changes", changes -> api.profiles().update(
                            call.userId(), call.claims(), ProfileChanges.from(changes), call.text("ifMatch"))))),
            mutation("me.deleteData", null, "DeletionReport",
                    (api, call) -> api.deletion().deleteAll(call.userId())),
            query("notes.list", optional(TAGGED_PAGE_INPUT), "NoteList",
                    (api, call) -> api.notes().list(call.userId(), call.text("tag"), call.text("limit"),
                            call.text("cursor"))),
            query("notes.get", required(NOTE_ID_INPUT), "VersionedNote",
                    (api, call) -> VersionedNote.of(api.notes().get(call.userId(), call.string("noteId")))),
            mutation("notes.create", required(RequestSchemas.NOTE).upTo(NOTE_INPUT_BYTES), "VersionedNote",
                    (api, call) -> VersionedNote.of(api.notes().create(call.userId(), NoteInput.from(call.input())))),
            mutation("notes.update", required(NOTE_UPDATE_INPUT).upTo(NOTE_INPUT_BYTES), "VersionedNote",
                    (api, call) -> VersionedNote.of(call.member("note", note -> api.notes().replace(call.userId(),
                            call.string("noteId"), NoteInput.from(note), call.string("ifMatch"))))),
            mutation("notes.delete", required(NOTE_DELETE_INPUT),
                    (api, call) -> api.notes().delete(call.userId(), call.string("noteId"), call.text("ifMatch"))),
            query("bookmarks.list", optional(TAGGED_PAGE_INPUT), "BookmarkList",
                    (api, call) -> api.bookmarks().list(call.userId(), call.text("tag"), call.text("limit"),
                            call.text("cursor"))),
            query("bookmarks.get", required(BOOKMARK_ID_INPUT), "VersionedBookmark",
                    (api, call) -> VersionedBookmark.of(api.bookmarks().get(call.userId(), call.string("bookmarkId")))),
            mutation("bookmarks.create", required(RequestSchemas.BOOKMARK), "VersionedBookmark",
                    (api, call) -> VersionedBookmark.created(() -> api.bookmarks().create(call.userId(),
                            BookmarkInput.from(call.input())))),
            mutation("bookmarks.update", required(BOOKMARK_UPDATE_INPUT), "VersionedBookmark",
                    (api, call) -> VersionedBookmark.of(call.member("bookmark", bookmark -> api.bookmarks()
                            .replace(call.userId(), call.string("bookmarkId"), BookmarkInput.from(bookmark),
                                    call.string("ifMatch"))))),
            mutation("bookmarks.delete", required(BOOKMARK_DELETE_INPUT),
                    (api, call) -> api.bookmarks().delete(call.userId(), call.string("bookmarkId"),
                            call.text("ifMatch"))),
            mutation("bookmarks.import", required(BOOKMARKS_IMPORT_INPUT).upTo(IMPORT_INPUT_BYTES),
                    "BookmarkImportReport",
                    (api, call) -> api.bookmarks().importFile(call.userId(), call.string("html"))),
            query("files.list", optional(PAGE_INPUT), "FileList",
                    (api, call) -> api.files().service().list(call.userId(), call.text("limit"), call.text("cursor"))),
            query("files.get", required(FILE_ID_INPUT), "File",
                    (api, call) -> api.files().service().get(call.userId(), call.string("fileId"))),
            mutation("files.create", required(RequestSchemas.CREATE_FILE), "CreatedFile",
                    (api, call) -> api.files().register(call.userId(), call.input())),
            mutation("files.delete", required(FILE_ID_INPUT),
                    (api, call) -> api.files().service().delete(call.userId(), call.string("fileId"))));

    static {
        Set<String> paths = new HashSet<>();
        for (Procedure procedure : PROCEDURES) {
            if (!paths.add(procedure.path())) {
                throw new IllegalStateException("procedure declared twice: " + procedure.path());
            }
            if (PROCEDURES.stream().anyMatch(other -> other.path().startsWith(procedure.path() + "."))) {
                throw new IllegalStateException("a procedure cannot also be a router: " + procedure.path());
            }
        }
    }

    private AppRouter() {
    }
}
