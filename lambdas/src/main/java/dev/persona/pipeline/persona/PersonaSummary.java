package dev.persona.pipeline.persona;

import java.util.List;

/**
 * The persona's summary as stored in the personas table (attributes in
 * {@link dev.persona.contracts.PersonaAttributes}), so listings need not read the document.
 */
public record PersonaSummary(String userId, String jobId, String createdAt, String schemaVersion, String personaKey,
                             String archetype, String summary, List<InterestShare> topInterests, long recordsUsed,
                             String firstActivityAt, String lastActivityAt) {

    public record InterestShare(String category, double share) {
    }
}
