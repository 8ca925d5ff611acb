package dev.persona.local.stepfunctions.tasks.lambda;

/**
 * Thrown by a mocked function to simulate a failure of the Lambda service itself (throttling, a service
 * error), which Step Functions reports as {@code Lambda.<errorCode>}, e.g. {@code Lambda.TooManyRequestsException}.
 */
public final class LambdaServiceException extends RuntimeException {

    private final String errorCode;
    private final int statusCode;

    public LambdaServiceException(String errorCode, int statusCode, String message) {
        super(message);
        this.errorCode = errorCode;
        this.statusCode = statusCode;
    }

    /** Throttling, as Lambda reports it when a function's concurrency is exhausted. */
    public static LambdaServiceException tooManyRequests() {
        return new LambdaServiceException("TooManyRequestsException", 429, "Rate Exceeded.");
    }

    public String errorCode() {
        return errorCode;
    }

    public int statusCode() {
        return statusCode;
    }
}
