package dev.persona.api;

import dev.persona.contracts.StorageLayout;
import dev.persona.http.ApiException;
import dev.persona.http.ErrorCode;
import dev.persona.logging.StructuredLogger;

/** Persona documents for their owner, returned exactly as the pipeline stored them. */
public final class PersonaService {

    private static final StructuredLogger LOG = StructuredLogger.of(PersonaService.class);

    private final PersonaRepository personas;
    private final UserObjectStore objects;

    public PersonaService(PersonaRepository personas, UserObjectStore objects) {
        this.personas = personas;
        this.objects = objects;
    }

    public String latest(String userId) {
        return personas.findLatest(userId)
                .map(this::document)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No persona has been built yet."));
    }

    public String forJob(String userId, String jobId) {
        if (!StorageLayout.isValidId(jobId)) {
            throw notFound();
        }
        return personas.find(userId, jobId).map(this::document).orElseThrow(PersonaService::notFound);
    }

    /**
     * The stored document. Its key must lie under the owner's own persona prefix: an item pointing
     * anywhere else is treated as missing rather than followed.
     */
    private String document(PersonaRepository.PersonaSummary summary) {
        String key = summary.personaKey();
        if (key == null || !key.startsWith(StorageLayout.PERSONAS_PREFIX + summary.userId() + "/")) {
            LOG.warn("persona item points outside its owner's prefix", "jobId", summary.jobId());
            throw notFound();
        }
        return objects.readText(key).orElseThrow(PersonaService::notFound);
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "No such persona.");
    }
}
