package dev.persona.http;

import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.persona.contracts.OperationalMetrics;
import dev.persona.logging.LogContext;
import dev.persona.logging.StructuredLogger;
import dev.persona.metrics.BusinessMetrics;
import dev.persona.metrics.ColdStart;

/**
 * Runs one proxy request through a handler's route: request and user ids in every log line, every
 * failure turned into a problem by {@link ProblemMapper}, CORS and default headers on every response,
 * and one access log line per request.
 */
public final class ApiEndpoint {

    private static final StructuredLogger LOG = StructuredLogger.of(ApiEndpoint.class);

    private final Cors cors;
    private final BusinessMetrics metrics;
    private final ColdStart coldStart = new ColdStart();

    public ApiEndpoint(Cors cors) {
        this(cors, BusinessMetrics.standard());
    }

    public ApiEndpoint(Cors cors, BusinessMetrics metrics) {
        this.cors = cors;
        this.metrics = metrics;
    }

    /** What a handler does with a request. */
    @FunctionalInterface
    public interface Route {
        ApiResponse handle(ApiRequest request);
    }

    @SuppressWarnings("try") // the log scope is only opened and closed
    public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context, Route route) {
        long started = System.nanoTime();
        ApiRequest request = ApiRequest.of(event, context);
        try (LogContext scope = LogContext.with("requestId", request.requestId(),
                "userId", request.callerId().orElse(null))) {
            ApiResponse response;
            try {
                response = route.handle(request);
            } catch (RuntimeException e) {
                response = ProblemMapper.toResponse(e, request.requestId());
            }
            long durationMs = (System.nanoTime() - started) / 1_000_000;
            LOG.info("request handled", "method", request.method(), "resource", request.resource(),
                    "status", response.status(), "durationMs", durationMs);
            BusinessMetrics invocation = metrics.during(context);
            coldStart.invoked(invocation, context == null ? null : context.getFunctionName());
            measure(invocation, request, response.status(), durationMs);
            return response.toEvent(cors.headersFor(request.header("Origin").orElse(null)));
        }
    }

    /**
     * Count and latency by the route as declared (API Gateway's resource template, never the path requested, which
     * would carry ids) and status class; the count also by status class alone, which the 5xx alarm reads.
     */
    private static void measure(BusinessMetrics metrics, ApiRequest request, int status, long durationMs) {
        String statusClass = (status / 100) + "xx";
        Map<String, String> byRoute = Map.of(OperationalMetrics.ROUTE, request.method() + ":" + request.resource(),
                OperationalMetrics.STATUS_CLASS, statusClass);
        metrics.count(OperationalMetrics.API_REQUESTS, 1, byRoute);
        metrics.milliseconds(OperationalMetrics.API_LATENCY, durationMs, byRoute);
        metrics.count(OperationalMetrics.API_REQUESTS, 1, Map.of(OperationalMetrics.STATUS_CLASS, statusClass));
    }
}
