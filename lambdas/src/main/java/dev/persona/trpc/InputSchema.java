package dev.persona.trpc;

import java.util.Objects;

/**
 * What a procedure takes: a JSON value described by a JSON Schema (draft-04, the dialect of the API's request
 * models), a classpath resource that the handler validates every input against and the TypeScript declaration is
 * generated from.
 *
 * @param resource the schema's classpath resource
 * @param optional whether a caller may leave the input out, as the REST route's query parameters are optional
 */
public record InputSchema(String resource, boolean optional) {

    public InputSchema {
        Objects.requireNonNull(resource, "resource");
    }

    public static InputSchema required(String resource) {
        return new InputSchema(resource, false);
    }

    public static InputSchema optional(String resource) {
        return new InputSchema(resource, true);
    }
}
