package dev.persona.contracts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of the environment variables that are settings rather than names of resources: what every function
 * gets with the same value in the cloud and locally (a test compares the synthesized functions with the local
 * runtime's). The stage may set the upload limit; everything else is fixed here.
 */
public final class FunctionSettings {

    /** {@code POWERTOOLS_SERVICE_NAME}: the service in every structured log line. */
    public static final String SERVICE_NAME = "persona-pipeline";
    public static final String LOG_LEVEL = "INFO";
    /** The largest upload unless the stage says otherwise: 1 GiB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 1L << 30;
    /**
     * JVM options of the functions that list {@code JAVA_TOOL_OPTIONS}, the pipeline steps: full tiered
     * compilation. They are long, compute-bound runs, where the C2 compiler pays for itself; Lambda's Java 21
     * default stops at C1, which suits short requests.
     */
    public static final String PIPELINE_JVM_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=4";

    /** Signed download URLs are valid this long (CloudFront checks it): long enough to start a download. */
    public static final long DOWNLOAD_URL_TTL_SECONDS = 300;
    /**
     * A function keeps the signing key it read this long before reading the secret again: after a rotation, URLs
     * are signed with the old key for at most this long, so the rotation keeps the old public key in the key group
     * for this plus {@link #DOWNLOAD_URL_TTL_SECONDS}.
     */
    public static final long SIGNING_KEY_REFRESH_SECONDS = 300;

    private FunctionSettings() {
    }

    /** Every setting's value, by variable, with the default file quotas. */
    public static Map<String, String> values(long maxUploadBytes) {
        return values(maxUploadBytes, FileQuotas.DEFAULT);
    }

    /** Every setting's value, by variable; each function takes those its definition lists. */
    public static Map<String, String> values(long maxUploadBytes, FileQuotas quotas) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(EnvironmentVariables.FILE_QUOTA_FILES, Long.toString(quotas.files()));
        values.put(EnvironmentVariables.FILE_QUOTA_BYTES, Long.toString(quotas.bytes()));
        values.put(EnvironmentVariables.FILE_QUOTA_UPLOADS_PER_MONTH, Long.toString(quotas.uploadsPerMonth()));
        values.put(EnvironmentVariables.DOWNLOAD_URL_TTL_SECONDS, Long.toString(DOWNLOAD_URL_TTL_SECONDS));
        values.put(EnvironmentVariables.SIGNING_KEY_REFRESH_SECONDS, Long.toString(SIGNING_KEY_REFRESH_SECONDS));
        values.put(EnvironmentVariables.SERVICE_NAME, SERVICE_NAME);
        values.put(EnvironmentVariables.METRICS_NAMESPACE, OperationalMetrics.NAMESPACE);
        values.put(EnvironmentVariables.LOG_LEVEL, LOG_LEVEL);
        values.put(EnvironmentVariables.MAX_UPLOAD_BYTES, Long.toString(maxUploadBytes));
        values.put(EnvironmentVariables.JAVA_TOOL_OPTIONS, PIPELINE_JVM_OPTIONS);
        return values;
    }
}
