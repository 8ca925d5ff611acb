package dev.persona.local.stepfunctions.asl.paths;

import com.fasterxml.jackson.databind.JsonNode;

/** Resolves a path against whatever its root stands for (state input, context object or a variable). */
@FunctionalInterface
public interface PathReader {

    /** The value at {@code path}; fails as AWS does when a definite path finds nothing. */
    JsonNode read(JsonPath path);
}
