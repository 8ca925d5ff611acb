package dev.persona.local.stepfunctions.tasks.lambda;

/**
 * Thrown by a function registered as a plain Java function to fail the way a Lambda runtime reports an error
 * named {@code errorType} (a Node.js or Python function names its errors freely; Java reports class names).
 */
public final class LambdaFunctionError extends RuntimeException {

    private final String errorType;

    public LambdaFunctionError(String errorType, String errorMessage) {
        super(errorMessage);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }
}
