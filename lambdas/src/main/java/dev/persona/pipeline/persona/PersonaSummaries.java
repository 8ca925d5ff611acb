package dev.persona.pipeline.persona;

import dev.persona.pipeline.errors.JobNotOwned;

/** Where persona summaries are kept (the personas table). */
@FunctionalInterface
public interface PersonaSummaries {

    /**
     * Writes or replaces the summary of one job's persona, in one step with the check that the job still belongs
     * to {@code executionArn} and runs: a persona is never recorded for a job its owner deleted meanwhile.
     *
     * @throws JobNotOwned when the job is gone or belongs to another execution; nothing was written
     */
    void save(PersonaSummary summary, String executionArn);
}
