package dev.persona.pipeline.discard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.persona.api.UserObjectStore;
import dev.persona.contracts.JobStatus;
import dev.persona.pipeline.StepRequests.DiscardRequest;
import dev.persona.pipeline.StepRequests.DiscardResult;
import dev.persona.pipeline.StepRequests.UploadedObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The clean-up step's decisions, on in-memory stand-ins for the jobs table and the bucket. */
class DiscardServiceTest {

    private static final String BUCKET = "uploads-bucket";
    private static final String KEY = "uploads/alice/J1/MyActivity.json";

    private final Map<String, JobClaim> jobs = new HashMap<>();
    private final RecordingObjects objects = new RecordingObjects();
    private final List<String> summariesRemoved = new ArrayList<>();
    private final DiscardService service = new DiscardService((user, job) -> Optional.ofNullable(jobs.get(user + "/" + job)),
            objects, (user, job) -> summariesRemoved.add(user + "/" + job), BUCKET);

    @Test
    void theEventOfTheClaimedVersionAgainIsADuplicateAndNothingIsDeleted() {
        jobs.put("alice/J1", new JobClaim(JobStatus.RUNNING, KEY, "v1"));

        DiscardResult result = service.discard(upload(KEY, "v1"));

        assertThat(result.outcome()).isEqualTo("DUPLICATE");
        assertThat(objects.calls).isEmpty();
    }

    @Test
    void aFurtherVersionOfAClaimedKeyIsDeletedAndTheJobKept() {
        jobs.put("alice/J1", new JobClaim(JobStatus.SUCCEEDED, KEY, "v1"));

        DiscardResult result = service.discard(upload(KEY, "v2"));

        assertThat(result).isEqualTo(new DiscardResult("DISCARDED", 1));
        assertThat(objects.calls).containsExactly("deleteVersion " + KEY + " v2");
        assertThat(summariesRemoved).isEmpty();
    }

    @Test
    void anotherFileThanTheOneAwaitedIsDeletedAndTheJobKeepsWaiting() {
        jobs.put("alice/J1", new JobClaim(JobStatus.AWAITING_UPLOAD, KEY, null));

        DiscardResult result = service.discard(upload("uploads/alice/J1/other.csv", "v7"));

        assertThat(result.outcome()).isEqualTo("DISCARDED");
        assertThat(objects.calls).containsExactly("deleteVersion uploads/alice/J1/other.csv v7");
    }

    @Test
    void anUploadWithoutAJobIsDeletedWithEverythingStoredUnderItsId() {
        objects.stored = 3;

        DiscardResult result = service.discard(upload(KEY, "v1"));

        assertThat(result).isEqualTo(new DiscardResult("NO_JOB", 10));
        assertThat(objects.calls).containsExactly("deleteVersion " + KEY + " v1",
                "abort uploads/alice/J1/", "deleteAll uploads/alice/J1/", "deleteAll processed/alice/J1/",
                "deleteAll personas/alice/J1/");
        assertThat(summariesRemoved).containsExactly("alice/J1");
    }

    /** Keys written with vended credentials under ids the API never handed out (security finding 6). */
    @Test
    void uploadsUnderIdsNoJobHasAreDeleted() {
        DiscardResult latest = service.discard(new DiscardRequest("alice", "latest", BUCKET,
                new UploadedObject("uploads/alice/latest/x.csv", 10L, "e", "v1")));

        assertThat(latest.outcome()).isEqualTo("NO_JOB");
        assertThat(objects.calls).containsExactly("deleteVersion uploads/alice/latest/x.csv v1",
                "abort uploads/alice/latest/", "deleteAll uploads/alice/latest/",
                "deleteAll processed/alice/latest/", "deleteAll personas/alice/latest/");

        objects.calls.clear();
        DiscardResult dots = service.discard(new DiscardRequest("alice", "..", BUCKET,
                new UploadedObject("uploads/alice/../x.csv", 10L, "e", "v2")));
        assertThat(dots.outcome()).isEqualTo("NO_JOB");
        assertThat(objects.calls).as("'..' is no valid id, so nothing else can be stored under it")
                .containsExactly("deleteVersion uploads/alice/../x.csv v2");
    }

    /** S3 writes keys URL-encoded into its events: the object deleted is the one the key names. */
    @Test
    void theEventsEncodedKeyIsDecodedToTheObjectItNames() {
        DiscardResult result = service.discard(new DiscardRequest("alice", "my+job%3C", BUCKET,
                new UploadedObject("uploads/alice/my+job%3C/My+Activity%25.json", 10L, "e", "v1")));

        assertThat(result.outcome()).isEqualTo("NO_JOB");
        assertThat(objects.calls).containsExactly("deleteVersion uploads/alice/my job</My Activity%.json v1");
    }

    @Test
    void aRunWhoseJobWasDeletedHasEverythingUnderTheJobRemoved() {
        DiscardResult result = service.discard(new DiscardRequest("alice", "J1", BUCKET, null));

        assertThat(result.outcome()).isEqualTo("NO_JOB");
        assertThat(objects.calls).contains("deleteAll processed/alice/J1/", "deleteAll personas/alice/J1/");
        assertThat(summariesRemoved).containsExactly("alice/J1");
    }

    @Test
    void aRunWhoseJobStillExistsRemovesNothing() {
        jobs.put("alice/J1", new JobClaim(JobStatus.SUCCEEDED, KEY, "v1"));

        DiscardResult result = service.discard(new DiscardRequest("alice", "J1", BUCKET, null));

        assertThat(result).isEqualTo(new DiscardResult("OWNED", 0));
        assertThat(objects.calls).isEmpty();
        assertThat(summariesRemoved).isEmpty();
    }

    @Test
    void neverDeletesAnObjectOutsideTheJobsUploads() {
        assertThatThrownBy(() -> service.discard(new DiscardRequest("alice", "J1", BUCKET,
                new UploadedObject("uploads/alice/J10/x.csv", 1L, "e", "v1"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> service.discard(new DiscardRequest("alice", "J1", BUCKET,
                new UploadedObject("personas/alice/J1/persona.json", 1L, "e", "v1"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(objects.calls).isEmpty();
    }

    private static DiscardRequest upload(String key, String versionId) {
        return new DiscardRequest("alice", "J1", BUCKET, new UploadedObject(key, 10L, "etag", versionId));
    }

    /** Records the calls; every prefix holds {@link #stored} objects. */
    private static final class RecordingObjects implements UserObjectStore {
        final List<String> calls = new ArrayList<>();
        long stored;

        @Override
        public Optional<String> readText(String key) {
            return Optional.empty();
        }

        @Override
        public void deleteVersion(String key, String versionId) {
            calls.add("deleteVersion " + key + " " + versionId);
        }

        @Override
        public long deleteAll(String prefix) {
            calls.add("deleteAll " + prefix);
            return stored;
        }

        @Override
        public int abortMultipartUploads(String prefix) {
            calls.add("abort " + prefix);
            return 0;
        }
    }
}
