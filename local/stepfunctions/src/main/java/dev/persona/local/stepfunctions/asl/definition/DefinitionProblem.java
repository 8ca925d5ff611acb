package dev.persona.local.stepfunctions.asl.definition;

/**
 * One problem of a definition, as ValidateStateMachineDefinition reports it: a severity, a code, a message and
 * the JSON pointer of the offending field ({@code /States/Start/Next}). The codes are the ones AWS documents for
 * ValidateStateMachineDefinitionDiagnostic; errors prevent creating the state machine, warnings do not.
 */
public record DefinitionProblem(Severity severity, Code code, String message, String location) {

    public enum Severity {
        ERROR, WARNING
    }

    public enum Code {
        // Errors
        INVALID_JSON_DESCRIPTION(Severity.ERROR),
        MISSING_DESCRIPTION(Severity.ERROR),
        SCHEMA_VALIDATION_FAILED(Severity.ERROR),
        INVALID_RESOURCE(Severity.ERROR),
        MISSING_END_STATE(Severity.ERROR),
        DUPLICATE_STATE_NAME(Severity.ERROR),
        INVALID_STATE_NAME(Severity.ERROR),
        DUPLICATE_LABEL_NAME(Severity.ERROR),
        INVALID_LABEL_NAME(Severity.ERROR),
        MISSING_TRANSITION_TARGET(Severity.ERROR),
        TOO_DEEPLY_NESTED(Severity.ERROR),
        // Warnings
        NO_DOLLAR(Severity.WARNING),
        NO_PATH(Severity.WARNING),
        PASS_RESULT_IS_STATIC(Severity.WARNING);

        private final Severity severity;

        Code(Severity severity) {
            this.severity = severity;
        }

        public Severity severity() {
            return severity;
        }
    }

    public DefinitionProblem(Code code, String message, String location) {
        this(code.severity(), code, message, location);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code CODE: message at /location}, AWS's wording in InvalidDefinition errors. */
    @Override
    public String toString() {
        return code + ": " + message + " at " + (location.isEmpty() ? "/" : location);
    }
}
