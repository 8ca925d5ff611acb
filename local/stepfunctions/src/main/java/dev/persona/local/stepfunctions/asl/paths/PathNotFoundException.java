package dev.persona.local.stepfunctions.asl.paths;

/** A definite JSONPath found no value; the message is the one AWS reports (Jayway JsonPath's wording). */
public final class PathNotFoundException extends RuntimeException {

    public PathNotFoundException(String message) {
        super(message, null, false, false);
    }
}
