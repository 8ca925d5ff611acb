package dev.persona.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.persona.logging.LogContext;
import dev.persona.logging.StructuredLogger;

/**
 * Runs one proxy request through a handler's route: request and user ids in every log line, every
 * failure turned into a problem by {@link ProblemMapper}, CORS and default headers on every response,
 * and one access log line per request.
 */
public final class ApiEndpoint {

    private static final StructuredLogger LOG = StructuredLogger.of(ApiEndpoint.class);

    private final Cors cors;

    public ApiEndpoint(Cors cors) {
        this.cors = cors;
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
            LOG.info("request handled", "method", request.method(), "resource", request.resource(),
                    "status", response.status(), "durationMs", (System.nanoTime() - started) / 1_000_000);
            return response.toEvent(cors.headersFor(request.header("Origin").orElse(null)));
        }
    }
}
