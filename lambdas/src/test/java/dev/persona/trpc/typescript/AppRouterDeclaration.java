package dev.persona.trpc.typescript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.contracts.RequestSchemas;
import dev.persona.json.Json;
import dev.persona.trpc.Procedure;

/**
 * The TypeScript declaration of the tRPC router ({@code AppRouter}) that {@code @trpc/client}'s
 * {@code createTRPCClient<AppRouter>} takes: one procedure type per {@link Procedure}, nested by its dotted path,
 * whose input is its input schema's type and whose output is its OpenAPI component's type, and the error shape the
 * endpoint sends. Only types: a client bundles none of it.
 */
public final class AppRouterDeclaration {

    /** Where the declaration is checked in, from the repository's root. */
    public static final String CHECKED_IN = "clients/src/generated/app-router.d.ts";

    private static final String COMPONENTS = "#/components/schemas/";
    /** How an input schema's reference to another schema is named once made absolute: its classpath resource. */
    private static final String CLASSPATH = "classpath:";

    private final JsonNode openApi;
    private final Path documents;

    /**
     * @param openApi   the OpenAPI document whose components the procedures' outputs name
     * @param documents the folder of the OpenAPI document, where the schema files it refers to are
     */
    public AppRouterDeclaration(JsonNode openApi, Path documents) {
        this.openApi = openApi;
        this.documents = documents;
    }

    /** The declaration of a router of {@code procedures}. */
    public String render(List<Procedure> procedures) {
        TypeScriptTypes types = new TypeScriptTypes(this::resolve);
        Map<String, Object> tree = new LinkedHashMap<>();
        for (Procedure procedure : procedures) {
            String input = "void";
            if (procedure.input() != null) {
                String resource = procedure.input().resource();
                JsonNode schema = absolute(read(RequestSchemas.load(resource)), URI.create(resource));
                input = types.declare(title(schema, resource), schema)
                        + (procedure.input().optional() ? " | undefined" : "");
            }
            String output = procedure.output() == null ? "void"
                    : types.type(Json.MAPPER.createObjectNode().put("$ref", COMPONENTS + procedure.output()), "");
            String kind = switch (procedure.type()) {
                case QUERY -> "TRPCQueryProcedure";
                case MUTATION -> "TRPCMutationProcedure";
            };
            place(tree, procedure.path(), kind + "<{ input: " + input + "; output: " + output + "; meta: object }>");
        }
        String problemCode = types.declare("ProblemCode", openApi.at("/components/schemas/Problem/properties/code"));
        String fieldError = types.type(Json.MAPPER.createObjectNode().put("$ref", COMPONENTS + "FieldError"), "");
        return """
                // Generated from dev.persona.trpc.AppRouter, its input schemas and docs/openapi.yaml by
                // dev.persona.trpc.typescript.AppRouterDeclaration: do not edit (README.md, "tRPC", says how to regenerate).
                import type {
                  TRPC_ERROR_CODE_KEY,
                  TRPC_ERROR_CODE_NUMBER,
                  TRPCBuiltRouter,
                  TRPCMutationProcedure,
                  TRPCQueryProcedure,
                } from '@trpc/server';

                %s
                /** What every error carries in `data`: tRPC's own members and the API's problem. */
                export interface PersonaErrorData {
                  /** tRPC's code, such as `BAD_REQUEST` or `NOT_FOUND`. */
                  code: TRPC_ERROR_CODE_KEY;
                  /** The HTTP status of the error (in a batch, the call's own). */
                  httpStatus: number;
                  /** The procedure that failed; absent when the whole request was refused. */
                  path?: string;
                  /** The REST API's code for the same error (`VALIDATION_FAILED`, `INVALID_CURSOR`…); absent when the protocol itself refused the call. */
                  problemCode?: %s;
                  /** The request's id, to quote when reporting a problem. */
                  requestId: string;
                  /** Every invalid input field, for `VALIDATION_FAILED`. */
                  errors?: %s[];
                }

                /** The error shape of the endpoint: tRPC's default shape with the API's problem in `data`. */
                export interface PersonaErrorShape {
                  message: string;
                  code: TRPC_ERROR_CODE_NUMBER;
                  data: PersonaErrorData;
                }

                /** The router behind `/trpc`, for `createTRPCClient<AppRouter>`. */
                export type AppRouter = TRPCBuiltRouter<
                  { ctx: object; meta: object; errorShape: PersonaErrorShape; transformer: false },
                  %s
                >;
                """.formatted(types.declarations(), problemCode, fieldError, record(tree, "  "));
    }

    /** Puts {@code type} at the dotted {@code path} of {@code tree}, creating the levels on the way. */
    @SuppressWarnings("unchecked")
    private static void place(Map<String, Object> tree, String path, String type) {
        String[] names = path.split("\\.");
        Map<String, Object> level = tree;
        for (int i = 0; i < names.length - 1; i++) {
            level = (Map<String, Object>) level.computeIfAbsent(names[i], name -> new LinkedHashMap<String, Object>());
        }
        level.put(names[names.length - 1], type);
    }

    /** A router record as a type literal (never an interface: a router record must be indexable). */
    @SuppressWarnings("unchecked")
    private static String record(Map<String, Object> tree, String indent) {
        StringBuilder out = new StringBuilder("{\n");
        tree.forEach((name, value) -> out.append(indent).append("  ").append(name).append(": ")
                .append(value instanceof Map<?, ?> level ? record((Map<String, Object>) level, indent + "  ") : value)
                .append(";\n"));
        return out.append(indent).append("}").toString();
    }

    /**
     * {@code schema} of the classpath resource {@code base} with each reference to another schema, a path relative to
     * {@code base} as the validator resolves it, made an absolute {@code classpath:} one.
     */
    private static JsonNode absolute(JsonNode schema, URI base) {
        if (schema instanceof ObjectNode object && object.path("$ref").isTextual()
                && !object.get("$ref").asText().startsWith("#")) {
            object.put("$ref", CLASSPATH + base.resolve(object.get("$ref").asText()).normalize());
        }
        schema.forEach(child -> absolute(child, base));
        return schema;
    }

    /**
     * A {@code $ref}: a component of the OpenAPI document, a schema file beside it, or a classpath resource that an
     * input schema refers to (both named by their title).
     */
    private TypeScriptTypes.Named resolve(String reference) {
        if (reference.startsWith(CLASSPATH)) {
            String resource = reference.substring(CLASSPATH.length());
            JsonNode schema = absolute(read(RequestSchemas.load(resource)), URI.create(resource));
            return new TypeScriptTypes.Named(title(schema, resource), schema);
        }
        if (reference.startsWith(COMPONENTS)) {
            String name = reference.substring(COMPONENTS.length());
            JsonNode schema = openApi.at("/components/schemas/" + name);
            if (schema.isMissingNode()) {
                throw new IllegalArgumentException("no component " + name + " in the OpenAPI document");
            }
            String file = schema.path("$ref").asText("");
            if (file.endsWith(".json") && !file.startsWith("#")) {
                ObjectNode external = (ObjectNode) readFile(file);
                if (schema.has("description")) {
                    external.put("description", schema.get("description").asText());
                }
                return new TypeScriptTypes.Named(name, external);
            }
            return new TypeScriptTypes.Named(name, schema);
        }
        if (reference.endsWith(".json") && !reference.contains("#")) {
            JsonNode external = readFile(reference);
            return new TypeScriptTypes.Named(title(external, reference), external);
        }
        throw new IllegalArgumentException("cannot resolve the reference " + reference);
    }

    private JsonNode readFile(String name) {
        try {
            return read(Files.readString(documents.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String title(JsonNode schema, String where) {
        String title = schema.path("title").asText("");
        if (!title.matches("[A-Z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException(where + " needs a title that names its type, such as JobIdInput");
        }
        return title;
    }
}
