package dev.persona.local.stepfunctions.asl.definition;

/**
 * One problem of a definition, as ValidateStateMachineDefinition reports it: a code, a message and the JSON
 * pointer of the offending field ({@code /States/Start/Next}).
 */
public record DefinitionProblem(Code code, String message, String location) {

    public enum Code {
        INVALID_JSON_DESCRIPTION,
        SCHEMA_VALIDATION_FAILED,
        MISSING_TRANSITION_TARGET,
        UNREACHABLE_STATE,
        MISSING_END_STATE,
        INVALID_RESOURCE
    }

    /** {@code CODE: message at /location}, AWS's wording in InvalidDefinition errors. */
    @Override
    public String toString() {
        return code + ": " + message + " at " + (location.isEmpty() ? "/" : location);
    }
}
