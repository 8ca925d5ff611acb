package dev.persona.pipeline.persona;

/** Where persona summaries are kept (the personas table). */
public interface PersonaSummaries {

    /** Writes or replaces the summary of one job's persona. */
    void save(PersonaSummary summary);
}
