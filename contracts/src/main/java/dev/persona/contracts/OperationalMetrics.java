package dev.persona.contracts;

import java.util.List;

/**
 * The business metrics the functions write as CloudWatch embedded metric format (EMF) documents, and the dashboard,
 * the alarms and {@code persona-local metrics} read. Dimensions stay low-cardinality: never a user, job or file.
 */
public final class OperationalMetrics {

    /**
     * The metrics' CloudWatch namespace, the same in every stage and locally: a stage has its account and region to
     * itself, as the README's deployment section recommends, so nothing else writes to it.
     */
    public static final String NAMESPACE = "PersonaPipeline";

    /** Dimension: the pipeline step ({@link PipelineStep#wireName()}). */
    public static final String STEP = "Step";
    /** Dimension: the upload's detected format (json-lines, csv, takeout-json, …). */
    public static final String FORMAT = "Format";
    /** Dimension: the upload's detected source (youtube, chrome, spotify, …). */
    public static final String SOURCE = "Source";
    /** Dimension: why records were rejected. */
    public static final String REASON = "Reason";
    /** Dimension: {@link OutcomeClass} of a finished job. */
    public static final String OUTCOME_CLASS = "OutcomeClass";
    /** Dimension: the job's outcome code ({@code Succeeded}, a named user error, or a system error). */
    public static final String CODE = "Code";
    /**
     * Dimension: the API route as declared, {@code GET:/v1/jobs/{jobId}} (CloudWatch dimension values hold no blanks),
     * never the path requested.
     */
    public static final String ROUTE = "Route";
    /** Dimension: {@code 2xx}, {@code 4xx} or {@code 5xx}. */
    public static final String STATUS_CLASS = "StatusClass";

    /** Count, per step: records the step read. */
    public static final String RECORDS_READ = "RecordsRead";
    /** Count, per step: records the step kept. */
    public static final String RECORDS_KEPT = "RecordsKept";
    /** Count, per step (and per step and reason): records the step rejected. */
    public static final String RECORDS_REJECTED = "RecordsRejected";
    /** Bytes, per step: bytes the step read. */
    public static final String BYTES_IN = "BytesIn";
    /** Milliseconds, per step: how long the step's work took. */
    public static final String STEP_DURATION = "StepDuration";
    /** Count, per format and source: uploads preprocess recognized. */
    public static final String UPLOADS_RECOGNIZED = "UploadsRecognized";
    /** Count, per outcome class (and per class and code): jobs that finished. */
    public static final String JOB_OUTCOMES = "JobOutcomes";
    /** Milliseconds: from the upload's arrival to its persona, for jobs that succeeded. */
    public static final String UPLOAD_TO_PERSONA = "UploadToPersona";
    /** Count, per route and status class (and per status class): API responses. */
    public static final String API_REQUESTS = "ApiRequests";
    /** Milliseconds, per route and status class (and per status class): time to an API response. */
    public static final String API_LATENCY = "ApiLatency";
    /** Count, per reason class: requests the authorizer denied. */
    public static final String AUTHORIZER_DENIALS = "AuthorizerDenials";
    /** Count, per function and service: Powertools' cold-start metric. */
    public static final String COLD_START = "ColdStart";

    /** Who a finished job's failure is down to. */
    public enum OutcomeClass {
        /** The job produced its persona (or ended as designed without one, e.g. a duplicate upload). */
        SUCCESS("success"),
        /** The upload was refused with a named error: the system worked as designed. */
        USER("user"),
        /** Our fault: an internal error, a timeout or an abort. The only class that pages. */
        SYSTEM("system");

        private final String wireName;

        OutcomeClass(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** Code of a job whose execution timed out: Step Functions ended it, so no catcher recorded a failure. */
    public static final String TIMED_OUT = "TimedOut";
    /** Code of a job whose execution was stopped. */
    public static final String ABORTED = "Aborted";
    /** Code of a job that produced its persona. */
    public static final String PERSONA_BUILT = "PersonaBuilt";
    /** Code of an execution that ended as designed without a persona: a duplicate, discarded or withdrawn upload. */
    public static final String NO_PERSONA = "NoPersona";

    /** Every status class the API metrics use. */
    public static final List<String> STATUS_CLASSES = List.of("2xx", "4xx", "5xx");

    private OperationalMetrics() {
    }
}
