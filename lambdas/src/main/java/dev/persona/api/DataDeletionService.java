package dev.persona.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.persona.contracts.StorageLayout;
import dev.persona.logging.StructuredLogger;

/**
 * Deletes everything stored about a user. The job items go first: every write of a running pipeline is
 * conditioned on its job, so from then on a run that is still working cannot record anything, and whatever it
 * writes after this point is removed by its clean-up step (data the user deleted never comes back). Then the
 * unfinished multipart uploads (so none completes later), every object version under each of the user's prefixes
 * ({@link StorageLayout#userPrefixes}), and the persona summaries. Idempotent: a repeated call finds nothing and
 * reports zeros, and a call interrupted half-way is finished by the next.
 */
public final class DataDeletionService {

    private static final StructuredLogger LOG = StructuredLogger.of(DataDeletionService.class);

    private final UserObjectStore objects;
    private final PersonaRepository personas;
    private final JobRepository jobs;

    public DataDeletionService(UserObjectStore objects, PersonaRepository personas, JobRepository jobs) {
        this.objects = objects;
        this.personas = personas;
        this.jobs = jobs;
    }

    public DeletionReport deleteAll(String userId) {
        int jobRecords = jobs.deleteAll(userId);
        int multipartUploads = objects.abortMultipartUploads(StorageLayout.userUploadsPrefix(userId));
        Map<String, Long> objectsByArea = new LinkedHashMap<>();
        for (String prefix : StorageLayout.userPrefixes(userId)) {
            objectsByArea.put(prefix.substring(0, prefix.indexOf('/')), objects.deleteAll(prefix));
        }
        int personaRecords = personas.deleteAll(userId);
        DeletionReport.Deleted deleted = new DeletionReport.Deleted(objectsByArea, multipartUploads, jobRecords,
                personaRecords);
        LOG.info("user data deleted", "deleted", deleted);
        return new DeletionReport(deleted);
    }

    /** The response body of {@code DELETE /v1/me/data}: how many of each kind were deleted. */
    public record DeletionReport(Deleted deleted) {

        /**
         * @param objects          objects per storage area ({@code uploads}, {@code processed}, {@code personas})
         * @param multipartUploads unfinished multipart uploads aborted
         * @param jobRecords       job items
         * @param personaRecords   persona summary items
         */
        public record Deleted(Map<String, Long> objects, int multipartUploads, int jobRecords, int personaRecords) {

            public Deleted {
                objects = Collections.unmodifiableMap(new LinkedHashMap<>(objects));
            }
        }
    }
}
