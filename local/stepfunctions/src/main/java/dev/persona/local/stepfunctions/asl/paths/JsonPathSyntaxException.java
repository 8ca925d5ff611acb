package dev.persona.local.stepfunctions.asl.paths;

/** A string that is not a valid JSONPath (or intrinsic function call); the definition validator reports it. */
public final class JsonPathSyntaxException extends IllegalArgumentException {

    public JsonPathSyntaxException(String message) {
        super(message);
    }
}
