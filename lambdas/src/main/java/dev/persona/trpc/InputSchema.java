package dev.persona.trpc;

import java.util.Objects;

/**
 * What a procedure takes: a JSON value described by a JSON Schema (draft-04, the dialect of the API's request
 * models), a classpath resource that the handler validates every input against and the TypeScript declaration is
 * generated from. A schema may refer to another by a path relative to its own resource, such as a REST route's
 * request schema ({@code ../schemas/note-request.json}).
 *
 * @param resource the schema's classpath resource
 * @param optional whether a caller may leave the input out, as the REST route's query parameters are optional
 * @param maxBytes the longest JSON text of the input, in UTF-8 bytes
 */
public record InputSchema(String resource, boolean optional, int maxBytes) {

    /** The longest input of a procedure that declares no other limit: such inputs are a few hundred bytes. */
    public static final int DEFAULT_MAX_BYTES = 16 * 1024;

    public InputSchema {
        Objects.requireNonNull(resource, "resource");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("an input may have at least one byte: " + resource);
        }
    }

    public static InputSchema required(String resource) {
        return new InputSchema(resource, false, DEFAULT_MAX_BYTES);
    }

    public static InputSchema optional(String resource) {
        return new InputSchema(resource, true, DEFAULT_MAX_BYTES);
    }

    /** This input, allowed up to {@code bytes} of JSON text: a note's body, a bookmark file. */
    public InputSchema upTo(int bytes) {
        return new InputSchema(resource, optional, bytes);
    }
}
