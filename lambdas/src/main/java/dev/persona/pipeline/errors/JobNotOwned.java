package dev.persona.pipeline.errors;

/**
 * The job this run works for no longer belongs to it: its owner deleted it (delete-my-data), or it finished
 * in another way. Whatever the step wrote for it has been taken back; the state machine hands the job to the
 * clean-up step. Not retried.
 */
public final class JobNotOwned extends PipelineException {

    public JobNotOwned(String message) {
        super(message);
    }
}
