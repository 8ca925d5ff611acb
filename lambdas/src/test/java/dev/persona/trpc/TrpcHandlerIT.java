package dev.persona.trpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.api.BookmarksHandler;
import dev.persona.api.FilesHandler;
import dev.persona.api.JobsHandler;
import dev.persona.api.NotesHandler;
import dev.persona.api.ProfileHandler;
import dev.persona.api.testing.ApiCall;
import dev.persona.api.testing.BookmarkFiles;
import dev.persona.api.testing.BrowserUploads;
import dev.persona.api.testing.FileLibrary;
import dev.persona.api.testing.LocalAws;
import dev.persona.api.testing.OpenApiContract;
import dev.persona.bookmarks.BookmarkService;
import dev.persona.contracts.AuthorizerContext;
import dev.persona.contracts.PersonaAttributes;
import dev.persona.contracts.StorageLayout;
import dev.persona.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static dev.persona.trpc.TrpcCall.get;
import static dev.persona.trpc.TrpcCall.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every procedure over DynamoDB Local and S3Proxy: its result is what the REST route answers, valid against the
 * route's documented schema (the schema its TypeScript type is generated from), and one user never reaches another's.
 */
class TrpcHandlerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalAws aws;
    private static TrpcHandler trpc;
    private static JobsHandler rest;
    private static ProfileHandler profiles;
    private static NotesHandler notes;
    private static BookmarksHandler bookmarks;
    private static FilesHandler files;
    private static FileLibrary library;

    @BeforeAll
    static void start() {
        aws = LocalAws.shared();
        trpc = new TrpcHandler(aws.environment(), aws.dynamoDb(), aws.s3(), aws.secretsManagerClient());
        rest = new JobsHandler(aws.environment(), aws.dynamoDb());
        profiles = new ProfileHandler(aws.environment(), aws.dynamoDb());
        notes = new NotesHandler(aws.environment(), aws.dynamoDb());
        bookmarks = new BookmarksHandler(aws.environment(), aws.dynamoDb());
        files = new FilesHandler(aws.environment(), aws.dynamoDb(), aws.s3(), aws.secretsManagerClient());
        library = new FileLibrary(aws);
    }

    private static TrpcCall.Answer send(String user, ApiCall call) {
        return TrpcCall.send(trpc, call.as(user).event());
    }

    /** The data of a successful single call, checked against the OpenAPI component of its output. */
    private static JsonNode data(TrpcCall.Answer answer, String component) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        JsonNode data = answer.body().at("/result/data");
        // The Persona component refers to the schema file beside the document, which resolves through a reference.
        OpenApiContract.assertValid(component.equals("Persona")
                ? "/components/responses/Persona/content/application~1json/schema"
                : "/components/schemas/" + component, data.toString());
        return data;
    }

    @Test
    void everyProcedureAnswersWhatItsRestRouteAnswers() throws Exception {
        String user = user();
        JsonNode created = data(send(user, post("uploads.create", "{\"filename\":\"My Activity.json\","
                + "\"contentType\":\"application/json\",\"sizeBytes\":2048,\"timezone\":\"Europe/Paris\"}", false)),
                "CreatedUpload");
        String jobId = created.path("jobId").asText();
        assertThat(created.path("key").asText()).isEqualTo("uploads/" + user + "/" + jobId + "/My_Activity.json");
        assertThat(created.at("/put/url").asText()).contains(LocalAws.BUCKET);

        JsonNode job = data(send(user, get("jobs.get", "{\"jobId\":\"" + jobId + "\"}", false)), "Job");
        String restJob = rest.handleRequest(ApiCall.of("GET", "/v1/jobs/{jobId}").as(user).path("jobId", jobId)
                .event(), null).getBody();
        assertThat(job).isEqualTo(Json.MAPPER.readTree(restJob));
        assertThat(job.path("status").asText()).isEqualTo("AWAITING_UPLOAD");

        JsonNode page = data(send(user, get("jobs.list", "{\"limit\":1}", false)), "JobList");
        assertThat(page.at("/items/0/jobId").asText()).isEqualTo(jobId);
        assertThat(data(send(user, get("jobs.list", null, false)), "JobList").path("items")).hasSize(1);

        String document = storePersona(user, jobId);
        TrpcCall.Answer latest = send(user, get("personas.latest", null, false));
        data(latest, "Persona");
        assertThat(latest.response().getBody()).as("the stored document, byte for byte")
                .isEqualTo("{\"result\":{\"data\":" + document + "}}");
        assertThat(data(send(user, get("personas.get", "{\"jobId\":\"" + jobId + "\"}", false)), "Persona"))
                .isEqualTo(Json.MAPPER.readTree(document));

        JsonNode deleted = data(send(user, post("me.deleteData", null, false)), "DeletionReport");
        assertThat(deleted.at("/deleted/jobRecords").asInt()).isEqualTo(1);
        assertThat(deleted.at("/deleted/personaRecords").asInt()).isEqualTo(1);
        assertThat(deleted.at("/deleted/objects/personas").asLong()).isEqualTo(1);
        assertThat(send(user, get("jobs.get", "{\"jobId\":\"" + jobId + "\"}", false)).status()).isEqualTo(404);
    }

    @Test
    void anotherUsersJobAndPersonaAreNotFound() {
        String owner = user();
        String stranger = user();
        String jobId = send(owner, post("uploads.create", "{\"filename\":\"a.csv\",\"contentType\":\"text/csv\","
                + "\"sizeBytes\":10}", false)).body().at("/result/data/jobId").asText();
        storePersona(owner, jobId);

        for (String path : List.of("jobs.get", "personas.get")) {
            TrpcCall.Answer answer = send(stranger, get(path, "{\"jobId\":\"" + jobId + "\"}", false));
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.error().at("/data/code").asText()).isEqualTo("NOT_FOUND");
            assertThat(answer.error().path("code").asInt()).isEqualTo(-32004);
        }
        assertThat(send(stranger, get("personas.latest", null, false)).status()).isEqualTo(404);
        assertThat(send(stranger, get("jobs.list", null, false)).body().at("/result/data/items")).isEmpty();
    }

    @Test
    void aBatchMixesResultsAndErrorsInOrder() {
        String user = user();
        String jobId = send(user, post("uploads.create", "{\"filename\":\"b.csv\",\"contentType\":\"text/csv\","
                + "\"sizeBytes\":10}", false)).body().at("/result/data/jobId").asText();

        TrpcCall.Answer batch = send(user, get("jobs.get,personas.get,jobs.list",
                "{\"0\":{\"jobId\":\"" + jobId + "\"},\"1\":{\"jobId\":\"" + jobId + "\"}}", true));

        assertThat(batch.status()).isEqualTo(207);
        assertThat(batch.body().at("/0/result/data/jobId").asText()).isEqualTo(jobId);
        assertThat(batch.body().at("/1/error/data/code").asText()).as("no persona yet").isEqualTo("NOT_FOUND");
        assertThat(batch.body().at("/1/error/data/path").asText()).isEqualTo("personas.get");
        assertThat(batch.body().at("/2/result/data/items/0/jobId").asText()).isEqualTo(jobId);
    }

    @Test
    void meGetAndUpdateAnswerWhatTheProfileRouteAnswersWithItsETag() throws Exception {
        String user = user();
        JsonNode read = data(send(user, get("me.get", null, false).claim(AuthorizerContext.NAME, "Ada")),
                "VersionedProfile");
        APIGatewayProxyResponseEvent restRead = profiles.handleRequest(ApiCall.of("GET", "/v1/me").as(user)
                .claim(AuthorizerContext.NAME, "Ada").event(), null);
        assertThat(read.get("profile")).isEqualTo(Json.MAPPER.readTree(restRead.getBody()));
        assertThat(read.get("etag").asText()).isEqualTo(OpenApiContract.header(restRead, "ETag"));
        assertThat(read.at("/profile/displayName").asText()).isEqualTo("Ada");

        String etag = read.get("etag").asText();
        JsonNode updated = data(send(user, post("me.update", json().put("ifMatch", etag)
                .set("changes", json().put("timezone", "Europe/Paris")).toString(), false)), "VersionedProfile");
        assertThat(updated.at("/profile/timezone").asText()).isEqualTo("Europe/Paris");
        assertThat(updated.get("etag").asText()).isNotEqualTo(etag);

        TrpcCall.Answer stale = send(user, post("me.update", json().put("ifMatch", etag)
                .set("changes", json().put("locale", "fr-FR")).toString(), false));
        assertError(stale, "PRECONDITION_FAILED", -32012, 412);
        JsonNode unconditional = data(send(user, post("me.update", json()
                .set("changes", json().put("locale", "fr-FR")).toString(), false)), "VersionedProfile");
        assertThat(unconditional.at("/profile/locale").asText()).isEqualTo("fr-FR");
        assertThat(unconditional.at("/profile/timezone").asText()).isEqualTo("Europe/Paris");
    }

    @Test
    void theNoteProceduresAnswerWhatTheNotesRoutesAnswerAndShareTheirETags() throws Exception {
        String user = user();
        JsonNode created = data(send(user, post("notes.create", note("Reading", "# Books", "reading"), false)),
                "VersionedNote");
        String noteId = created.at("/note/noteId").asText();
        APIGatewayProxyResponseEvent restRead = notes.handleRequest(ApiCall.of("GET", "/v1/notes/{noteId}").as(user)
                .path("noteId", noteId).event(), null);
        assertThat(created.get("note")).isEqualTo(Json.MAPPER.readTree(restRead.getBody()));
        assertThat(created.get("etag").asText()).isEqualTo(OpenApiContract.header(restRead, "ETag"));
        JsonNode read = data(send(user, get("notes.get", json().put("noteId", noteId).toString(), false)),
                "VersionedNote");
        assertThat(read).isEqualTo(created);

        JsonNode page = data(send(user, get("notes.list", "{\"tag\":\"reading\"}", false)), "NoteList");
        assertThat(page).isEqualTo(Json.MAPPER.readTree(notes.handleRequest(ApiCall.of("GET", "/v1/notes").as(user)
                .query("tag", "reading").event(), null).getBody()));
        assertThat(page.at("/items/0/noteId").asText()).isEqualTo(noteId);

        JsonNode updated = data(send(user, post("notes.update", noteUpdate(noteId, created.get("etag").asText(),
                "Reading 2026"), false)), "VersionedNote");
        assertThat(updated.at("/note/title").asText()).isEqualTo("Reading 2026");
        APIGatewayProxyResponseEvent restWrite = notes.handleRequest(ApiCall.of("PUT", "/v1/notes/{noteId}").as(user)
                .path("noteId", noteId).header("If-Match", updated.get("etag").asText())
                .jsonBody("{\"title\":\"Written over REST\",\"body\":\"b\"}").event(), null);
        assertThat(restWrite.getStatusCode()).as("tRPC's etag is the REST ETag").isEqualTo(200);

        TrpcCall.Answer stale = send(user, post("notes.update", noteUpdate(noteId, updated.get("etag").asText(),
                "Lost"), false));
        assertError(stale, "PRECONDITION_FAILED", -32012, 412);
        TrpcCall.Answer staleDelete = send(user, post("notes.delete", json().put("noteId", noteId)
                .put("ifMatch", updated.get("etag").asText()).toString(), false));
        assertError(staleDelete, "PRECONDITION_FAILED", -32012, 412);
        assertDeletes(user, "notes", json().put("noteId", noteId).put("ifMatch",
                OpenApiContract.header(restWrite, "ETag")));
    }

    @Test
    void ofTwoWritersOfTheSameVersionExactlyOneWins() throws Exception {
        String user = user();
        JsonNode note = data(send(user, post("notes.create", note("Shared", "v1", "race"), false)), "VersionedNote");
        String noteId = note.at("/note/noteId").asText();
        JsonNode bookmark = data(send(user, post("bookmarks.create", "{\"url\":\"https://race.example/\"}", false)),
                "VersionedBookmark");
        String bookmarkId = bookmark.at("/bookmark/bookmarkId").asText();
        String noteTag = note.get("etag").asText();
        String bookmarkTag = bookmark.get("etag").asText();
        for (int round = 0; round < 5; round++) {
            noteTag = race(user, "notes.update", List.of(noteUpdate(noteId, noteTag, "A" + round),
                    noteUpdate(noteId, noteTag, "B" + round)), "VersionedNote",
                    () -> send(user, get("notes.get", json().put("noteId", noteId).toString(), false)));
            bookmarkTag = race(user, "bookmarks.update", List.of(
                    bookmarkUpdate(bookmarkId, "https://race.example/", bookmarkTag, "A" + round),
                    bookmarkUpdate(bookmarkId, "https://race.example/", bookmarkTag, "B" + round)), "VersionedBookmark",
                    () -> send(user, get("bookmarks.get", json().put("bookmarkId", bookmarkId).toString(), false)));
        }
    }

    /**
     * Sends {@code writes} of one version at once; exactly one succeeds, the others fail with PRECONDITION_FAILED, and
     * what {@code read} finds is the winner's write with the winner's etag. Returns that etag.
     */
    private static String race(String user, String path, List<String> writes, String component,
            Supplier<TrpcCall.Answer> read) throws Exception {
        CyclicBarrier start = new CyclicBarrier(writes.size());
        ExecutorService writers = Executors.newFixedThreadPool(writes.size());
        try {
            List<Future<TrpcCall.Answer>> answers = new ArrayList<>();
            for (String write : writes) {
                answers.add(writers.submit(() -> {
                    start.await();
                    return send(user, post(path, write, false));
                }));
            }
            List<TrpcCall.Answer> won = new ArrayList<>();
            for (Future<TrpcCall.Answer> answer : answers) {
                TrpcCall.Answer each = answer.get(30, TimeUnit.SECONDS);
                if (each.status() == 200) {
                    won.add(each);
                } else {
                    assertError(each, "PRECONDITION_FAILED", -32012, 412);
                }
            }
            assertThat(won).as("exactly one writer of the version wins").hasSize(1);
            JsonNode winner = data(won.getFirst(), component);
            assertThat(data(read.get(), component)).as("what is stored is the winner's write").isEqualTo(winner);
            assertThat(winner.findValue("title").asText()).isIn(writes.stream()
                    .map(write -> readJson(write).findValue("title").asText()).toList());
            return winner.get("etag").asText();
        } finally {
            writers.shutdownNow();
        }
    }

    @Test
    void theBookmarkProceduresAnswerWhatTheBookmarksRoutesAnswer() throws Exception {
        String user = user();
        JsonNode created = data(send(user, post("bookmarks.create",
                "{\"url\":\"https://Example.com/Articles/?b=2&a=1#top\",\"tags\":[\"reading\"]}", false)),
                "VersionedBookmark");
        String bookmarkId = created.at("/bookmark/bookmarkId").asText();
        APIGatewayProxyResponseEvent restRead = bookmarks.handleRequest(ApiCall.of("GET", "/v1/bookmarks/{bookmarkId}")
                .as(user).path("bookmarkId", bookmarkId).event(), null);
        assertThat(created.get("bookmark")).isEqualTo(Json.MAPPER.readTree(restRead.getBody()));
        assertThat(created.get("etag").asText()).isEqualTo(OpenApiContract.header(restRead, "ETag"));

        TrpcCall.Answer again = send(user, post("bookmarks.create", json().put("url",
                "https://EXAMPLE.com" + created.at("/bookmark/url").asText().substring("https://example.com".length()))
                .toString(), false));
        assertError(again, "CONFLICT", -32009, 409);
        assertThat(again.error().path("message").asText()).as("names the bookmark REST names in Location")
                .isEqualTo("This address is bookmarked already: " + created.at("/bookmark/links/self").asText() + ".");

        String url = created.at("/bookmark/url").asText();
        JsonNode updated = data(send(user, post("bookmarks.update", bookmarkUpdate(bookmarkId, url,
                created.get("etag").asText(), "Renamed"), false)), "VersionedBookmark");
        assertThat(updated.at("/bookmark/title").asText()).isEqualTo("Renamed");
        assertThat(data(send(user, get("bookmarks.get", json().put("bookmarkId", bookmarkId).toString(), false)),
                "VersionedBookmark")).isEqualTo(updated);
        JsonNode moved = send(user, post("bookmarks.update", bookmarkUpdate(bookmarkId, "https://other.example/",
                updated.get("etag").asText(), "Moved"), false)).error();
        assertThat(moved.at("/data/errors/0/field").asText()).isEqualTo("bookmark.url");

        BookmarkFiles.BookmarkFile file = BookmarkFiles.generate(200, 7);
        JsonNode report = data(send(user, post("bookmarks.import", json().put("html", file.html()).toString(), false)),
                "BookmarkImportReport");
        assertThat(report.get("received").asInt()).isEqualTo(file.links());
        assertThat(report.get("imported").asInt()).isEqualTo(file.unique());
        JsonNode page = data(send(user, get("bookmarks.list", "{\"limit\":100}", false)), "BookmarkList");
        assertThat(page).isEqualTo(Json.MAPPER.readTree(bookmarks.handleRequest(ApiCall.of("GET", "/v1/bookmarks")
                .as(user).query("limit", "100").event(), null).getBody()));
        assertThat(page.get("items")).hasSize(100);

        TrpcCall.Answer tooLarge = send(user, post("bookmarks.import",
                json().put("html", "<DL>" + " ".repeat(BookmarkService.MAX_IMPORT_BYTES)).toString(), false));
        assertError(tooLarge, "PAYLOAD_TOO_LARGE", -32013, 413);
        assertThat(tooLarge.error().path("message").asText()).isEqualTo("A bookmark file may be at most 5 MiB.");

        assertDeletes(user, "bookmarks", json().put("bookmarkId", bookmarkId));
    }

    @Test
    void theFileProceduresRegisterUploadDownloadAndDelete() throws Exception {
        String user = user();
        byte[] content = "Minutes, ünïcode and all.".getBytes(StandardCharsets.UTF_8);
        JsonNode created = data(send(user, post("files.create", json().put("name", "Minutes.txt")
                .put("contentType", "text/plain").put("sizeBytes", content.length).toString(), false)), "CreatedFile");
        String fileId = created.at("/file/fileId").asText();
        assertThat(created.at("/file/state").asText()).isEqualTo("PENDING");
        assertThat(BrowserUploads.put(created.get("upload"), content).statusCode()).isEqualTo(200);
        assertThat(library.objectCreated("files/" + user + "/" + fileId + "/Minutes.txt")).contains("RECORDED");

        JsonNode file = data(send(user, get("files.get", json().put("fileId", fileId).toString(), false)), "File");
        assertThat(file.get("state").asText()).isEqualTo("AVAILABLE");
        JsonNode restFile = Json.MAPPER.readTree(files.handleRequest(ApiCall.of("GET", "/v1/files/{fileId}").as(user)
                .path("fileId", fileId).event(), null).getBody());
        JsonNode withoutDownload = ((ObjectNode) file.deepCopy()).without("download");
        assertThat(withoutDownload).as("the REST answer, but for the URL signed at another instant")
                .isEqualTo(((ObjectNode) restFile.deepCopy()).without("download"));
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(file.at("/download/url").asText()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).as("signed with the key the trpc function reads").isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);

        JsonNode page = data(send(user, get("files.list", "{\"limit\":5}", false)), "FileList");
        assertThat(page).isEqualTo(Json.MAPPER.readTree(files.handleRequest(ApiCall.of("GET", "/v1/files").as(user)
                .query("limit", "5").event(), null).getBody()));
        TrpcCall.Answer tooLarge = send(user, post("files.create", json().put("name", "huge.bin")
                .put("contentType", "application/octet-stream").put("sizeBytes", 2L << 30).toString(), false));
        assertError(tooLarge, "BAD_REQUEST", -32600, 400);
        assertThat(tooLarge.error().at("/data/errors/0/field").asText()).isEqualTo("sizeBytes");

        assertDeletes(user, "files", json().put("fileId", fileId));
    }

    @Test
    void anotherUsersNotesBookmarksAndFilesAreNotFound() throws Exception {
        String owner = user();
        String stranger = user();
        JsonNode note = data(send(owner, post("notes.create", note("Mine", "private", "secret"), false)),
                "VersionedNote");
        JsonNode bookmark = data(send(owner, post("bookmarks.create", "{\"url\":\"https://mine.example/\"}", false)),
                "VersionedBookmark");
        JsonNode file = data(send(owner, post("files.create", "{\"name\":\"mine.txt\",\"contentType\":\"text/plain\","
                + "\"sizeBytes\":4}", false)), "CreatedFile");
        String noteId = note.at("/note/noteId").asText();
        String bookmarkId = bookmark.at("/bookmark/bookmarkId").asText();
        String fileId = file.at("/file/fileId").asText();

        List<ApiCall> attacks = List.of(
                get("notes.get", json().put("noteId", noteId).toString(), false),
                post("notes.update", noteUpdate(noteId, note.get("etag").asText(), "Taken"), false),
                post("notes.update", noteUpdate(noteId, "*", "Taken"), false),
                post("notes.delete", json().put("noteId", noteId).toString(), false),
                get("bookmarks.get", json().put("bookmarkId", bookmarkId).toString(), false),
                post("bookmarks.update", bookmarkUpdate(bookmarkId, "https://mine.example/",
                        bookmark.get("etag").asText(), "Taken"), false),
                post("bookmarks.delete", json().put("bookmarkId", bookmarkId).toString(), false),
                get("files.get", json().put("fileId", fileId).toString(), false),
                post("files.delete", json().put("fileId", fileId).toString(), false));
        for (ApiCall attack : attacks) {
            assertError(send(stranger, attack), "NOT_FOUND", -32004, 404);
        }
        for (String listing : List.of("notes.list", "bookmarks.list", "files.list")) {
            assertThat(data(send(stranger, get(listing, null, false)), listing.equals("notes.list") ? "NoteList"
                    : listing.equals("bookmarks.list") ? "BookmarkList" : "FileList").get("items")).isEmpty();
        }
        assertThat(data(send(stranger, get("me.get", null, false)), "VersionedProfile").at("/profile/userId").asText())
                .isEqualTo(stranger);

        assertThat(data(send(owner, get("notes.get", json().put("noteId", noteId).toString(), false)), "VersionedNote"))
                .as("untouched").isEqualTo(note);
        assertThat(data(send(owner, get("bookmarks.get", json().put("bookmarkId", bookmarkId).toString(), false)),
                "VersionedBookmark")).isEqualTo(bookmark);
        assertThat(data(send(owner, get("files.get", json().put("fileId", fileId).toString(), false)), "File")
                .get("fileId").asText()).isEqualTo(fileId);
    }

    private static ObjectNode json() {
        return Json.MAPPER.createObjectNode();
    }

    private static JsonNode readJson(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String note(String title, String body, String tag) {
        ObjectNode note = json().put("title", title).put("body", body);
        note.putArray("tags").add(tag);
        return note.toString();
    }

    private static String noteUpdate(String noteId, String ifMatch, String title) {
        return json().put("noteId", noteId).put("ifMatch", ifMatch)
                .set("note", readJson(note(title, "body of " + title, "race"))).toString();
    }

    private static String bookmarkUpdate(String bookmarkId, String url, String ifMatch, String title) {
        return json().put("bookmarkId", bookmarkId).put("ifMatch", ifMatch)
                .set("bookmark", json().put("url", url).put("title", title)).toString();
    }

    /**
     * {@code {resource}.delete} of {@code input} answers a result without data, and {@code {resource}.get} of the
     * item (its id is the input's first member) then finds nothing.
     */
    private static void assertDeletes(String user, String resource, ObjectNode input) {
        TrpcCall.Answer deleted = send(user, post(resource + ".delete", input.toString(), false));
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.response().getBody()).isEqualTo("{\"result\":{}}");
        String id = input.fieldNames().next();
        assertError(send(user, get(resource + ".get", json().put(id, input.get(id).asText()).toString(), false)),
                "NOT_FOUND", -32004, 404);
    }

    private static void assertError(TrpcCall.Answer answer, String code, int jsonRpcCode, int status) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.error().at("/data/code").asText()).isEqualTo(code);
        assertThat(answer.error().path("code").asInt()).isEqualTo(jsonRpcCode);
    }

    /** Writes the example persona as this job's, with its summary item, as the build-persona step does. */
    private static String storePersona(String user, String jobId) {
        String document;
        try (InputStream in = TrpcHandlerIT.class.getResourceAsStream("/personas/example.json")) {
            ObjectNode persona = (ObjectNode) Json.MAPPER.readTree(in);
            persona.put("jobId", jobId);
            document = Json.MAPPER.writeValueAsString(persona);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String key = StorageLayout.personaKey(user, jobId);
        aws.s3().putObject(put -> put.bucket(LocalAws.BUCKET).key(key).contentType("application/json"),
                RequestBody.fromString(document));
        aws.dynamoDb().putItem(put -> put.tableName(LocalAws.PERSONAS_TABLE).item(Map.of(
                PersonaAttributes.USER_ID, AttributeValue.fromS(user),
                PersonaAttributes.JOB_ID, AttributeValue.fromS(jobId),
                PersonaAttributes.CREATED_AT, AttributeValue.fromS("2026-11-21T10:00:00.000Z"),
                PersonaAttributes.SCHEMA_VERSION, AttributeValue.fromN("1"),
                PersonaAttributes.PERSONA_KEY, AttributeValue.fromS(key),
                PersonaAttributes.ARCHETYPE, AttributeValue.fromS("explorer"),
                PersonaAttributes.SUMMARY, AttributeValue.fromS("Mostly music."),
                PersonaAttributes.RECORDS_USED, AttributeValue.fromN("98"))));
        return document;
    }

    private static String user() {
        return "google_" + UUID.randomUUID().toString().replace("-", "");
    }
}
