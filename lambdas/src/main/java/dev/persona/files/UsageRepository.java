package dev.persona.files;

import java.time.YearMonth;
import java.util.Optional;

/** Each user's usage item in the accounts table. */
public interface UsageRepository {

    /** The usage, with the uploads of {@code month}, read strongly consistently. */
    Usage usage(String userId, YearMonth month);

    /**
     * Applies the change one stream record makes to the usage, once: a record applied before (its {@code eventId}
     * marker exists) changes nothing. A decrease of a user who has no usage (their data was deleted) is no change.
     *
     * @param uploadMonth the month a registration counts in, or null
     * @return false when the record had been applied already, or there was nothing to decrease
     */
    boolean apply(String userId, String eventId, long files, long bytes, Optional<YearMonth> uploadMonth,
            long markerExpiresAt);
}
