package dev.persona.api;

import dev.persona.contracts.StorageLayout;
import dev.persona.http.ApiException;
import dev.persona.http.ErrorCode;
import dev.persona.logging.StructuredLogger;

/**
 * Persona documents for their owner, returned exactly as the pipeline stored them, and only when they are one: a
 * document that does not parse, does not satisfy the schema or names another job is never served.
 */
public final class PersonaService {

    private static final StructuredLogger LOG = StructuredLogger.of(PersonaService.class);

    private final PersonaRepository personas;
    private final UserObjectStore objects;
    private final PersonaDocuments documents;

    public PersonaService(PersonaRepository personas, UserObjectStore objects, PersonaDocuments documents) {
        this.personas = personas;
        this.objects = objects;
        this.documents = documents;
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

    /** The key of the persona document of the caller's job: what its download URL is signed for. */
    public String documentKey(String userId, String jobId) {
        if (!StorageLayout.isValidId(jobId)) {
            throw notFound();
        }
        PersonaRepository.PersonaSummary summary = personas.find(userId, jobId).orElseThrow(PersonaService::notFound);
        String key = summary.personaKey();
        if (key == null || !key.startsWith(StorageLayout.PERSONAS_PREFIX + summary.userId() + "/")) {
            throw notFound();
        }
        return key;
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
        String document = objects.readText(key).orElseThrow(PersonaService::notFound);
        String problem = documents.problem(document, summary.jobId());
        if (problem != null) {
            LOG.error("stored persona is not one: not served", null, "jobId", summary.jobId(), "problem", problem);
            throw new ApiException(ErrorCode.INTERNAL_ERROR, "This persona could not be read.");
        }
        return document;
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "No such persona.");
    }
}
