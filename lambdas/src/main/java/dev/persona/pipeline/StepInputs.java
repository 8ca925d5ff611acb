package dev.persona.pipeline;

/**
 * Checks that a step is asked to work on the job's own files in the configured bucket. Only the state
 * machine calls the steps, so a mismatch is a wiring fault, never the user's.
 */
public final class StepInputs {

    private StepInputs() {
    }

    public static void requireBucket(String configured, String requested) {
        if (!configured.equals(requested)) {
            throw new IllegalArgumentException("step asked to use bucket " + requested + ", configured " + configured);
        }
    }

    public static void requireKey(String expected, String requested) {
        if (!expected.equals(requested)) {
            throw new IllegalArgumentException("step asked to read " + requested + ", expected " + expected);
        }
    }
}
