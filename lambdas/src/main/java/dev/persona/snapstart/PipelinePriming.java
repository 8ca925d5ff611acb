package dev.persona.snapstart;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.persona.contracts.StorageLayout;
import dev.persona.pipeline.StepRequests.BuildPersonaRequest;
import dev.persona.pipeline.StepRequests.CategorizeRequest;
import dev.persona.pipeline.StepRequests.CategorizeResult;
import dev.persona.pipeline.StepRequests.PreprocessRequest;
import dev.persona.pipeline.StepRequests.PreprocessResult;
import dev.persona.pipeline.StepRequests.UploadedObject;
import dev.persona.pipeline.categorize.CategorizeService;
import dev.persona.pipeline.persona.BuildPersonaService;
import dev.persona.pipeline.preprocess.PreprocessService;
import dev.persona.storage.ObjectStore;

/**
 * Primes a pipeline step's own code: a sample upload (JSON Lines, as the web app's CSV/JSONL path sends it) goes
 * through the steps up to the one being primed, on services built over a {@link PrimingObjectStore}. The step's first
 * real request then finds the decoder, normalizer, de-duplication, block format, classifier and aggregator loaded
 * and compiled. Nothing leaves the process; the sample is generated here and holds no one's data.
 */
public final class PipelinePriming {

    private static final int SAMPLE_RECORDS = 400;
    private static final String[] CHANNELS = {"Kitchen Lab", "Trail Running Weekly", "Jazz Piano Lessons",
        "Home Workouts", "Garden Diaries"};
    private static final String[] SITES = {"https://www.youtube.com/watch?v=", "https://en.wikipedia.org/wiki/Topic_",
        "https://www.bbc.co.uk/news/article-", "https://github.com/example/project-"};

    private final PrimingObjectStore store = new PrimingObjectStore();
    private final String bucket;

    /** @param bucket the function's bucket name, which its services check requests against */
    public PipelinePriming(String bucket) {
        this.bucket = bucket;
    }

    /** The store to build the step's services on. */
    public ObjectStore store() {
        return store;
    }

    /** Stores the sample upload and preprocesses it. */
    public PreprocessResult preprocess(PreprocessService service) {
        String key = StorageLayout.uploadKey(PrimingEvents.USER_ID, PrimingEvents.JOB_ID, "activity.jsonl");
        byte[] sample = sample();
        store.put(bucket, key, sample, "application/x-ndjson");
        PreprocessResult result = service.preprocess(new PreprocessRequest(PrimingEvents.USER_ID,
                PrimingEvents.JOB_ID, bucket, new UploadedObject(key, (long) sample.length, null, null)));
        if (result.recordsKept() < SAMPLE_RECORDS) {
            // The sample no longer reaches the code it is meant to prime: fail the snapshot rather than prime less.
            throw new IllegalStateException("preprocess kept " + result.recordsKept() + " of the priming sample's "
                    + SAMPLE_RECORDS + " records");
        }
        return result;
    }

    public CategorizeResult categorize(CategorizeService service, PreprocessResult preprocessed) {
        return service.categorize(new CategorizeRequest(PrimingEvents.USER_ID, PrimingEvents.JOB_ID, bucket,
                preprocessed.activitiesKey()));
    }

    public void buildPersona(BuildPersonaService service, PreprocessResult preprocessed, CategorizeResult categorized) {
        service.build(new BuildPersonaRequest(PrimingEvents.USER_ID, PrimingEvents.JOB_ID, bucket,
                categorized.categorizedKey(), preprocessed.reportKey(), PrimingEvents.EXECUTION_ARN));
    }

    /** Watches, searches and visits over a few weeks, one duplicate included, with a UTC offset on each time. */
    static byte[] sample() {
        StringBuilder lines = new StringBuilder();
        Instant start = Instant.parse("2024-03-01T07:30:00Z");
        for (int i = 0; i < SAMPLE_RECORDS; i++) {
            String time = start.plusSeconds(5_400L * i).toString().replace("Z", "+01:00");
            String channel = CHANNELS[i % CHANNELS.length];
            String url = SITES[i % SITES.length] + (i * 7919 % 1000);
            String type = switch (i % 3) {
                case 0 -> "watch";
                case 1 -> "search";
                default -> "visit";
            };
            lines.append("{\"timestamp\":\"").append(time).append("\",\"type\":\"").append(type)
                    .append("\",\"title\":\"").append(channel).append(" episode ").append(i % 40)
                    .append("\",\"url\":\"").append(url).append("\",\"channel\":\"").append(channel).append("\"}\n");
        }
        lines.append(lines, 0, lines.indexOf("\n") + 1);
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }
}
