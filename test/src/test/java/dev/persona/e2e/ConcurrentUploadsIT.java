package dev.persona.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.local.runtime.PersonaLocalRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Fifty uploads at once from ten users: fifty personas, every job finished, nothing failed. */
class ConcurrentUploadsIT {

    private static final int USERS = 10;
    private static final int UPLOADS_PER_USER = 5;
    private static final List<ActivityFiles.Topic> TOPICS = List.of(ActivityFiles.SPORTS, ActivityFiles.FOOD,
            ActivityFiles.TECHNOLOGY, ActivityFiles.TRAVEL);

    private static PersonaLocalRuntime stack;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
    }

    private record Outcome(ApiUser user, String jobId, ActivityFiles.Topic topic, JsonNode job) {
    }

    @Test
    void fiftyConcurrentUploadsFromTenUsersAllBecomePersonas() throws Exception {
        List<ApiUser> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(new ApiUser(stack, "crowd-" + i));
        }
        List<Future<Outcome>> outcomes = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < USERS * UPLOADS_PER_USER; i++) {
                ApiUser user = users.get(i % USERS);
                ActivityFiles.Topic topic = TOPICS.get(i % TOPICS.size());
                int records = 100 + i;
                outcomes.add(clients.submit(() -> {
                    String jobId = user.uploadWithPut("events.csv", "text/csv", ActivityFiles.csv(topic, records));
                    return new Outcome(user, jobId, topic, user.awaitJob(jobId, Duration.ofMinutes(2)));
                }));
            }
        }

        List<String> jobIds = new ArrayList<>();
        for (Future<Outcome> future : outcomes) {
            Outcome outcome = future.get();
            assertThat(outcome.job().path("status").asText()).as("job %s", outcome.job()).isEqualTo("SUCCEEDED");
            assertThat(outcome.user().persona(outcome.jobId()).path("interests").get(0).path("category").asText())
                    .isEqualTo(outcome.topic().category());
            jobIds.add(outcome.jobId());
        }
        assertThat(jobIds).doesNotHaveDuplicates().hasSize(USERS * UPLOADS_PER_USER);
        for (ApiUser user : users) {
            JsonNode jobs = ApiUser.body(user.get("/v1/jobs?limit=100"), 200).path("items");
            assertThat(jobs).hasSize(UPLOADS_PER_USER)
                    .allSatisfy(job -> assertThat(job.path("status").asText()).isEqualTo("SUCCEEDED"));
        }
    }
}
