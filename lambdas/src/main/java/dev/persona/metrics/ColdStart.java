package dev.persona.metrics;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.amazonaws.services.lambda.runtime.Context;
import dev.persona.contracts.EnvironmentVariables;
import dev.persona.contracts.OperationalMetrics;

/**
 * The cold-start metric of one handler instance: its first invocation counts once. Kept per instance rather than per
 * process (as Powertools' own capture is), because the local runtime runs every function in one JVM and SnapStart
 * priming runs a handler's twin before the snapshot: a restored environment's first invocation is still counted.
 */
public final class ColdStart {

    private final AtomicBoolean first = new AtomicBoolean(true);

    /** Counts the first invocation with this Lambda context in the process's metrics (none without a context). */
    public void invoked(Context context) {
        invoked(BusinessMetrics.standard().during(context), context == null ? null : context.getFunctionName());
    }

    /**
     * Counts the first invocation of {@code function} (the Lambda context's function name, as Powertools names its
     * dimension); later ones, and any without a function name, write nothing.
     */
    public void invoked(BusinessMetrics metrics, String function) {
        if (function != null && first.compareAndSet(true, false)) {
            metrics.count(OperationalMetrics.COLD_START, 1, Map.of("FunctionName", function, "Service",
                    System.getenv().getOrDefault(EnvironmentVariables.SERVICE_NAME, "persona-pipeline")));
        }
    }
}
