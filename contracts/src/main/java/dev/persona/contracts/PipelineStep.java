package dev.persona.contracts;

/** The pipeline's steps, as stored in {@link JobAttributes#STEP} while a job is RUNNING. */
public enum PipelineStep {
    PREPROCESS("preprocess"),
    CATEGORIZE("categorize"),
    BUILD_PERSONA("build-persona");

    private final String wireName;

    PipelineStep(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static PipelineStep fromWireName(String wireName) {
        for (PipelineStep step : values()) {
            if (step.wireName.equals(wireName)) {
                return step;
            }
        }
        throw new IllegalArgumentException("unknown pipeline step: " + wireName);
    }
}
