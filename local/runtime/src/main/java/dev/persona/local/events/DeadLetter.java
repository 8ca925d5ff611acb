package dev.persona.local.events;

import java.time.Instant;

/**
 * An event the target never accepted, kept with why.
 *
 * @param eventId        the event's id
 * @param eventJson      the event
 * @param reason         the last failure, or the retry limit that ended the retries
 * @param attempts       how many deliveries were attempted
 * @param deadLetteredAt when retrying stopped
 */
public record DeadLetter(String eventId, String eventJson, String reason, int attempts, Instant deadLetteredAt) {
}
