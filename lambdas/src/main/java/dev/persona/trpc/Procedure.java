package dev.persona.trpc;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One tRPC procedure: where it is ({@code jobs.get}), its type, what it takes and returns, and what it does with the
 * services the REST handlers use.
 *
 * @param path     the procedure's dotted path; each dot is a level of the TypeScript router
 * @param type     query or mutation
 * @param input    its input schema, or null when it takes none (any input sent is ignored, as tRPC ignores it)
 * @param output   the name of the OpenAPI component ({@code docs/openapi.yaml}) describing its result, which the
 *                 TypeScript declaration is generated from: the REST route's response schema, or the one that adds
 *                 the {@code ETag} header to it; null when it returns nothing, as the REST route answers 204
 * @param resolver what it does
 */
public record Procedure(String path, ProcedureType type, InputSchema input, String output, Resolver resolver) {

    private static final Pattern PATH = Pattern.compile("[a-z][A-Za-z0-9]*(\\.[a-z][A-Za-z0-9]*)+");

    /** The work of a procedure: a value serialized as JSON, or {@link JsonText}; null for one without output. */
    @FunctionalInterface
    public interface Resolver {
        Object resolve(Services services, ProcedureCall call);
    }

    /** The work of a procedure that returns nothing. */
    @FunctionalInterface
    public interface Action {
        void run(Services services, ProcedureCall call);
    }

    public Procedure {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(resolver, "resolver");
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("a procedure path is dotted identifiers (jobs.get), not " + path);
        }
    }

    public static Procedure query(String path, InputSchema input, String output, Resolver resolver) {
        return new Procedure(path, ProcedureType.QUERY, input, Objects.requireNonNull(output, "output"), resolver);
    }

    public static Procedure mutation(String path, InputSchema input, String output, Resolver resolver) {
        return new Procedure(path, ProcedureType.MUTATION, input, Objects.requireNonNull(output, "output"), resolver);
    }

    /** A mutation without output ({@code void} in TypeScript): its result carries no data. */
    public static Procedure mutation(String path, InputSchema input, Action action) {
        Objects.requireNonNull(action, "action");
        return new Procedure(path, ProcedureType.MUTATION, input, null, (services, call) -> {
            action.run(services, call);
            return null;
        });
    }
}
