package dev.persona.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.persona.contracts.StorageLayout;
import dev.persona.logging.StructuredLogger;

/**
 * Deletes everything stored about a user. The job items go first: every write of a running pipeline is
 * conditioned on its job, so from then on a run that is still working cannot record anything, and whatever it
 * writes after this point is removed by its clean-up step (data the user deleted never comes back). Then the
 * unfinished multipart uploads (so none completes later), every object version under each of the user's prefixes
 * ({@link StorageLayout#userPrefixes}), the persona summaries, and the records of each
 * {@link UserRecords} in order. Idempotent: a repeated call finds nothing and
 * reports zeros, and a call interrupted half-way is finished by the next.
 */
public final class DataDeletionService {

    private static final StructuredLogger LOG = StructuredLogger.of(DataDeletionService.class);

    private final UserObjectStore objects;
    private final PersonaRepository personas;
    private final JobRepository jobs;
    private final List<UserRecords> records;

    public DataDeletionService(UserObjectStore objects, PersonaRepository personas, JobRepository jobs) {
        this(objects, personas, jobs, List.of());
    }

    public DataDeletionService(UserObjectStore objects, PersonaRepository personas, JobRepository jobs,
            List<UserRecords> records) {
        this.objects = objects;
        this.personas = personas;
        this.jobs = jobs;
        this.records = List.copyOf(records);
    }

    public DeletionReport deleteAll(String userId) {
        int jobRecords = jobs.deleteAll(userId);
        int multipartUploads = objects.abortMultipartUploads(StorageLayout.userUploadsPrefix(userId));
        Map<String, Long> objectsByArea = new LinkedHashMap<>();
        for (String prefix : StorageLayout.userPrefixes(userId)) {
            objectsByArea.put(prefix.substring(0, prefix.indexOf('/')), objects.deleteAll(prefix));
        }
        int personaRecords = personas.deleteAll(userId);
        Map<String, Integer> other = new LinkedHashMap<>();
        for (UserRecords kind : records) {
            other.put(kind.name(), kind.deleteAll(userId));
        }
        DeletionReport.Deleted deleted = new DeletionReport.Deleted(objectsByArea, multipartUploads, jobRecords,
                personaRecords, other);
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
         * @param records          items of each other table ({@link UserRecords}), by its name
         */
        public record Deleted(Map<String, Long> objects, int multipartUploads, int jobRecords, int personaRecords,
                Map<String, Integer> records) {

            public Deleted {
                objects = Collections.unmodifiableMap(new LinkedHashMap<>(objects));
                records = Collections.unmodifiableMap(new LinkedHashMap<>(records));
            }
        }
    }
}
