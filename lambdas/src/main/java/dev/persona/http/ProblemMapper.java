package dev.persona.http;

import java.util.List;

import dev.persona.logging.StructuredLogger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The one place where a failure becomes a response. {@link ApiException}s become their problem;
 * throttling by an AWS service becomes a 503 the client may retry; anything else is a 500 whose body
 * says nothing about the cause, while the log keeps the stack trace under the same request id.
 */
public final class ProblemMapper {

    /** Seconds a client should wait before retrying a 503. */
    public static final String RETRY_AFTER_SECONDS = "1";

    private static final StructuredLogger LOG = StructuredLogger.of(ProblemMapper.class);

    private ProblemMapper() {
    }

    public static ApiResponse toResponse(Throwable failure, String requestId) {
        Problem problem = toProblem(failure, requestId);
        ApiResponse response = ApiResponse.problem(problem);
        return problem.status() == ErrorCode.SERVICE_UNAVAILABLE.status()
                ? response.withHeader("Retry-After", RETRY_AFTER_SECONDS) : response;
    }

    /**
     * The problem a failure is, logged as {@link #toResponse} logs it: for front doors that put the problem into an
     * envelope of their own (the tRPC endpoint).
     */
    public static Problem toProblem(Throwable failure, String requestId) {
        if (failure instanceof ApiException api) {
            return Problem.of(api.code(), api.detail(), api.fieldErrors(), requestId);
        }
        if (failure instanceof AwsServiceException aws && aws.isThrottlingException()) {
            LOG.warn("throttled by a dependency", "errorType", failure.getClass().getName());
            return problem(ErrorCode.SERVICE_UNAVAILABLE, requestId);
        }
        LOG.error("unexpected failure", failure);
        return problem(ErrorCode.INTERNAL_ERROR, requestId);
    }

    private static Problem problem(ErrorCode code, String requestId) {
        return Problem.of(code, code.detail(), List.of(), requestId);
    }
}
