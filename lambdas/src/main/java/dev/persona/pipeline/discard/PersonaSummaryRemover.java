package dev.persona.pipeline.discard;

/** Removes one job's persona summary (the personas table); removing one that does not exist changes nothing. */
@FunctionalInterface
public interface PersonaSummaryRemover {

    void remove(String userId, String jobId);
}
