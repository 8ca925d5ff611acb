package dev.persona.pipeline.persona;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.persona.contracts.StorageLayout;
import dev.persona.json.Json;
import dev.persona.pipeline.PreprocessReport;
import dev.persona.pipeline.StepInputs;
import dev.persona.pipeline.StepRequests.BuildPersonaRequest;
import dev.persona.pipeline.StepRequests.BuildPersonaResult;
import dev.persona.pipeline.blocks.ActivityBlocks;
import dev.persona.pipeline.errors.StorageUnavailable;
import dev.persona.storage.ObjectStore;
import dev.persona.storage.StorageUnavailableException;

/**
 * Step 3 of the pipeline: aggregates {@code categorized.blocks} (with the preprocessing report's facts)
 * into the persona document, writes it to {@code personas/{userId}/{jobId}/persona.json}, then its summary
 * to the personas table. The table write comes last and is what makes the persona visible; it happens only while
 * the run still owns a running job (so a persona never comes back after its owner deleted the job), and if it
 * fails the document is removed again so nothing half-written remains.
 */
public final class BuildPersonaService {

    private final ObjectStore store;
    private final PersonaSummaries summaries;
    private final String bucket;
    private final Clock clock;

    public BuildPersonaService(ObjectStore store, PersonaSummaries summaries, String bucket, Clock clock) {
        this.store = store;
        this.summaries = summaries;
        this.bucket = bucket;
        this.clock = clock;
    }

    public BuildPersonaResult build(BuildPersonaRequest request) {
        StepInputs.requireBucket(bucket, request.bucket());
        if (request.executionArn() == null || request.executionArn().isBlank()) {
            throw new IllegalArgumentException("step asked to build a persona without the execution that owns the job");
        }
        StepInputs.requireKey(StorageLayout.categorizedKey(request.userId(), request.jobId()), request.categorizedKey());
        StepInputs.requireKey(StorageLayout.reportKey(request.userId(), request.jobId()), request.reportKey());
        try {
            return buildAndStore(request);
        } catch (StorageUnavailableException e) {
            throw new StorageUnavailable(e);
        }
    }

    private BuildPersonaResult buildAndStore(BuildPersonaRequest request) {
        PreprocessReport report = readReport(request.reportKey());
        ZoneId zone = zone(report.timezone());
        PersonaAggregator aggregator = new PersonaAggregator(report, zone);
        try (InputStream in = store.read(bucket, request.categorizedKey())) {
            ActivityBlocks.read(in, aggregator::accept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant now = clock.instant();
        PersonaDocument persona = aggregator.build(request.jobId(), now, report.timezone().id(),
                report.timezone().source());
        String personaKey = StorageLayout.personaKey(request.userId(), request.jobId());
        try {
            store.put(bucket, personaKey, Json.MAPPER.writeValueAsBytes(persona), "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            summaries.save(new PersonaSummary(request.userId(), request.jobId(), now.toString(),
                    persona.schemaVersion(), personaKey, persona.archetype().label(), persona.summary(),
                    persona.interests().stream().limit(5)
                            .map(i -> new PersonaSummary.InterestShare(i.category(), i.share())).toList(),
                    aggregator.records(), report.firstActivityAt(), report.lastActivityAt()), request.executionArn());
        } catch (RuntimeException e) {
            deleteQuietly(personaKey, e);
            throw e;
        }
        return new BuildPersonaResult(personaKey, persona.archetype().label(), aggregator.records());
    }

    private PreprocessReport readReport(String key) {
        try (InputStream in = store.read(bucket, key)) {
            return Json.MAPPER.readValue(in, PreprocessReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ZoneId zone(PreprocessReport.Timezone timezone) {
        try {
            return timezone == null ? ZoneOffset.UTC : ZoneId.of(timezone.id());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private void deleteQuietly(String key, RuntimeException cause) {
        try {
            store.delete(bucket, key);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
