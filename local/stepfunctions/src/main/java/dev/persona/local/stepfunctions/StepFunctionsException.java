package dev.persona.local.stepfunctions;

/** An API error of the Step Functions service, named as the wire protocol names it ({@code ExecutionDoesNotExist}). */
public final class StepFunctionsException extends RuntimeException {

    private final String errorType;

    public StepFunctionsException(String errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }
}
