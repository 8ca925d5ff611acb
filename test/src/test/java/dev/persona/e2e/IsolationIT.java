package dev.persona.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One user never sees another's jobs, personas, notes, bookmarks or files: they do not exist for them (404), lists
 * leave them out. Every route that names a resource of Alice's is attacked by Bob (the attack table), with Alice's
 * own entity tags where a write asks for one, and everything of Alice's must be as it was.
 */
class IsolationIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static PersonaLocalRuntime stack;
    private static ApiUser alice;
    private static ApiUser bob;
    private static String alicesJob;
    private static String alicesNote;
    private static String alicesNoteTag;
    private static String alicesBookmark;
    private static String alicesBookmarkTag;
    private static String alicesFile;
    private static String alicesDownload;

    @BeforeAll
    static void aliceHasAPersonaAndPersonalRecords() throws Exception {
        stack = SharedStack.get();
        alice = new ApiUser(stack, "isolation-alice");
        bob = new ApiUser(stack, "isolation-bob");
        alicesJob = alice.uploadWithPut("events.csv", "text/csv", ActivityFiles.csv(ActivityFiles.FOOD, 50));
        assertThat(alice.awaitJob(alicesJob).path("status").asText()).isEqualTo("SUCCEEDED");
        ApiUser.body(alice.send("PATCH", "/v1/me", "{\"displayName\":\"Alice\",\"timezone\":\"Europe/Paris\"}"), 200);
        HttpResponse<String> note = alice.send("POST", "/v1/notes",
                "{\"title\":\"Alice's\",\"body\":\"private\",\"tags\":[\"secret\"]}");
        alicesNote = ApiUser.body(note, 201).path("noteId").asText();
        alicesNoteTag = note.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> bookmark = alice.send("POST", "/v1/bookmarks",
                "{\"url\":\"https://alice.example/diary\",\"tags\":[\"secret\"]}");
        alicesBookmark = ApiUser.body(bookmark, 201).path("bookmarkId").asText();
        alicesBookmarkTag = bookmark.headers().firstValue("ETag").orElseThrow();
        alicesFile = uploadFile(alice, "diary.txt", "Alice's diary");
        alicesDownload = ApiUser.body(alice.get("/v1/files/" + alicesFile), 200).at("/download/url").asText();
    }

    /**
     * Registers a file, PUTs it to its presigned upload and waits until its S3 event made it AVAILABLE; returns its
     * id.
     */
    static String uploadFile(ApiUser user, String name, String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        JsonNode created = ApiUser.body(user.send("POST", "/v1/files", "{\"name\":\"" + name
                + "\",\"contentType\":\"text/plain\",\"sizeBytes\":" + bytes.length + "}"), 201);
        JsonNode upload = created.get("upload");
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        upload.get("headers").fields().forEachRemaining(header -> {
            if (!Set.of("content-length", "host").contains(header.getKey().toLowerCase(Locale.ROOT))) {
                put.header(header.getKey(), header.getValue().asText());
            }
        });
        assertThat(HTTP.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        String fileId = created.at("/file/fileId").asText();
        Instant deadline = Instant.now().plusSeconds(30);
        // The listing, which signs nothing: it works whether or not downloads can be signed.
        while (!state(user, fileId).equals("AVAILABLE")) {
            assertThat(Instant.now()).as("the file's event arrives").isBefore(deadline);
            Thread.sleep(100);
        }
        return fileId;
    }

    private static String state(ApiUser user, String fileId) {
        for (JsonNode item : ApiUser.body(user.get("/v1/files"), 200).path("items")) {
            if (item.path("fileId").asText().equals(fileId)) {
                return item.path("state").asText();
            }
        }
        throw new AssertionError("file " + fileId + " is not listed");
    }

    /** One attack of Bob's: a request naming Alice's resource, with the answer it must get. */
    record Attack(String method, String path, String body, Map<String, String> headers, int status) {
    }

    /** Every route of Alice's resources, as Bob calls it. */
    private static List<Attack> attacks() {
        String note = "/v1/notes/" + alicesNote;
        String noteBody = "{\"title\":\"Bob's now\",\"body\":\"taken\"}";
        List<Attack> attacks = new ArrayList<>();
        attacks.add(new Attack("GET", "/v1/jobs/" + alicesJob, null, Map.of(), 404));
        attacks.add(new Attack("GET", "/v1/personas/" + alicesJob, null, Map.of(), 404));
        attacks.add(new Attack("GET", note, null, Map.of(), 404));
        attacks.add(new Attack("GET", note, null, Map.of("If-None-Match", alicesNoteTag), 404));
        attacks.add(new Attack("PUT", note, noteBody, Map.of("If-Match", alicesNoteTag), 404));
        attacks.add(new Attack("PUT", note, noteBody, Map.of("If-Match", "*"), 404));
        attacks.add(new Attack("DELETE", note, null, Map.of("If-Match", alicesNoteTag), 404));
        attacks.add(new Attack("DELETE", note, null, Map.of(), 404));
        String bookmark = "/v1/bookmarks/" + alicesBookmark;
        String bookmarkBody = "{\"url\":\"https://alice.example/diary\",\"title\":\"Bob's\"}";
        attacks.add(new Attack("GET", bookmark, null, Map.of(), 404));
        attacks.add(new Attack("PUT", bookmark, bookmarkBody, Map.of("If-Match", alicesBookmarkTag), 404));
        attacks.add(new Attack("PUT", bookmark, bookmarkBody, Map.of("If-Match", "*"), 404));
        attacks.add(new Attack("DELETE", bookmark, null, Map.of("If-Match", alicesBookmarkTag), 404));
        attacks.add(new Attack("DELETE", bookmark, null, Map.of(), 404));
        attacks.add(new Attack("GET", "/v1/files/" + alicesFile, null, Map.of(), 404));
        attacks.add(new Attack("DELETE", "/v1/files/" + alicesFile, null, Map.of(), 404));
        attacks.add(new Attack("GET", "/v1/personas/" + alicesJob + "/download", null, Map.of(), 404));
        return attacks;
    }

    @Test
    void everyRouteNamingAlicesResourcesIsNotFoundForBobAndChangesNothing() {
        for (Attack attack : attacks()) {
            HttpResponse<String> response = bob.send(attack.method(), attack.path(), attack.body(), attack.headers());
            assertThat(response.statusCode()).as("%s %s %s", attack.method(), attack.path(), attack.headers())
                    .isEqualTo(attack.status());
            assertThat(ApiUser.body(response, attack.status()).path("code").asText()).isEqualTo("NOT_FOUND");
        }
        assertThat(alice.send("GET", "/v1/notes/" + alicesNote, null, Map.of("If-None-Match", alicesNoteTag))
                .statusCode()).as("Alice's note is unchanged").isEqualTo(304);
        assertThat(ApiUser.body(bob.get("/v1/notes?tag=secret"), 200).path("items")).isEmpty();
        assertThat(ApiUser.body(bob.get("/v1/notes"), 200).path("items")).isEmpty();
        assertThat(alice.send("GET", "/v1/bookmarks/" + alicesBookmark, null,
                Map.of("If-None-Match", alicesBookmarkTag)).statusCode()).as("Alice's bookmark is unchanged").isEqualTo(304);
        assertThat(ApiUser.body(bob.get("/v1/bookmarks?tag=secret"), 200).path("items")).isEmpty();
        assertThat(ApiUser.body(bob.get("/v1/bookmarks"), 200).path("items")).isEmpty();
        assertThat(ApiUser.body(bob.get("/v1/files"), 200).path("items")).isEmpty();
        assertThat(ApiUser.body(alice.get("/v1/files/" + alicesFile), 200).path("state").asText())
                .as("Alice's file is still there").isEqualTo("AVAILABLE");
        assertThat(ApiUser.body(alice.get("/v1/me"), 200).path("displayName").asText()).isEqualTo("Alice");
        assertThat(ApiUser.body(bob.get("/v1/me"), 200).path("displayName").asText()).isNotEqualTo("Alice");
    }

    @Test
    void theDownloadDistributionServesSignedUrlsOnlyForTheObjectTheyName() throws Exception {
        HttpResponse<String> download = HTTP.send(HttpRequest.newBuilder(URI.create(alicesDownload)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("Alice's diary");

        String bobsFile = uploadFile(bob, "bob.txt", "Bob's");
        String bobsUrl = ApiUser.body(bob.get("/v1/files/" + bobsFile), 200).at("/download/url").asText();
        String retargeted = bobsUrl.replaceFirst("/files/[^?]+", URI.create(alicesDownload).getRawPath());
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(retargeted)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("Bob's signature on Alice's object").isEqualTo(403);
        String tampered = alicesDownload.replace("Signature=", "Signature=A");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(tampered)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(URI.create(alicesDownload.replaceFirst(
                "\\?.*", ""))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(403);
    }

    @Test
    void anotherUsersJobAndPersonaAreNotFound() {
        assertThat(bob.get("/v1/jobs/" + alicesJob).statusCode()).isEqualTo(404);
        HttpResponse<String> persona = bob.get("/v1/personas/" + alicesJob);
        assertThat(persona.statusCode()).isEqualTo(404);
        assertThat(ApiUser.body(persona, 404).path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(bob.get("/v1/personas/latest").statusCode()).isEqualTo(404);
        assertThat(ApiUser.body(bob.get("/v1/jobs"), 200).path("items")).isEmpty();

        JsonNode alicesJobs = ApiUser.body(alice.get("/v1/jobs"), 200).path("items");
        assertThat(alicesJobs).extracting(item -> item.path("jobId").asText()).containsExactly(alicesJob);
    }

    @Test
    void deletingOnesDataLeavesTheOthersAlone() {
        assertThat(bob.send("DELETE", "/v1/me/data", null).statusCode()).isEqualTo(200);

        assertThat(alice.get("/v1/personas/" + alicesJob).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutAValidTokenNothingIsServed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI jobs = stack.endpoints().api().resolve("/v1/jobs/" + alicesJob);
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(jobs).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(jobs)
                .header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(ApiUser.body(forged, 401).path("code").asText()).isEqualTo("UNAUTHORIZED");
    }
}
