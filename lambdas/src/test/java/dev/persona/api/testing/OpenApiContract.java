package dev.persona.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.persona.json.Json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code docs/openapi.yaml} as a test oracle: checks that a handler's response is documented for its
 * operation (status, media type, required headers) and that its body validates against the
 * documented schema (JSON Schema 2020-12, formats asserted).
 */
public final class OpenApiContract {

    public static final Path DOCUMENT = Path.of("..", "docs", "openapi.yaml");
    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private static final JsonNode OPENAPI = load();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            registry -> registry.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                    .build()));
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

    private OpenApiContract() {
    }

    public static JsonNode document() {
        return OPENAPI;
    }

    /** Fails unless {@code response} is a documented answer of {@code method path} (path as in the document). */
    public static void assertConforms(String method, String path, APIGatewayProxyResponseEvent response) {
        String operationPointer = "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT);
        JsonNode operation = OPENAPI.at(operationPointer);
        assertThat(operation.isMissingNode()).as("%s %s is documented", method, path).isFalse();
        String status = Integer.toString(response.getStatusCode());
        String responsePointer = operationPointer + "/responses/" + status;
        JsonNode documented = operation.path("responses").path(status);
        assertThat(documented.isMissingNode()).as("%s %s documents status %s", method, path, status).isFalse();
        if (documented.has("$ref")) {
            responsePointer = documented.get("$ref").asText().substring(1);
            documented = OPENAPI.at(responsePointer);
        }
        assertRequiredHeaders(documented, response, method + " " + path + " " + status);
        JsonNode content = documented.path("content");
        if (content.isMissingNode()) {
            assertThat(response.getBody()).as("%s %s %s has no body", method, path, status).isNull();
            return;
        }
        String contentType = header(response, "Content-Type");
        assertThat(contentType).as("Content-Type of %s %s %s", method, path, status).isNotNull();
        String mediaType = contentType.split(";")[0].trim();
        assertThat(content.has(mediaType)).as("%s %s %s is documented as %s", method, path, status, mediaType).isTrue();
        assertValid(responsePointer + "/content/" + escape(mediaType) + "/schema", response.getBody());
    }

    /** Fails unless {@code json} validates against the schema at {@code pointer} of the document. */
    public static void assertValid(String pointer, String json) {
        JsonNode instance;
        try {
            instance = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("body is not JSON: " + json, e);
        }
        List<Error> errors = COMPILED.computeIfAbsent(pointer, OpenApiContract::compile).validate(instance);
        if (!errors.isEmpty()) {
            fail("body does not match " + pointer + ": " + errors + "\n" + json);
        }
    }

    /**
     * The schema at {@code pointer}, with the document's component schemas as its {@code $defs} so
     * that references like {@code #/components/schemas/Job} resolve (rewritten to {@code #/$defs/Job}); a
     * component that refers to a schema file next to the document is replaced by that file's schema.
     */
    private static Schema compile(String pointer) {
        try {
            ObjectNode root = (ObjectNode) Json.MAPPER.readTree(rewriteReferences(OPENAPI.at(pointer)));
            root.put("$schema", DIALECT);
            ObjectNode definitions = (ObjectNode) Json.MAPPER.readTree(rewriteReferences(OPENAPI.at("/components/schemas")));
            for (Map.Entry<String, JsonNode> definition : definitions.properties()) {
                String reference = definition.getValue().path("$ref").asText("");
                if (reference.endsWith(".json") && !reference.startsWith("#")) {
                    ObjectNode external = (ObjectNode) Json.MAPPER.readTree(
                            Files.readString(DOCUMENT.resolveSibling(reference)));
                    external.remove(List.of("$schema", "$id"));
                    definition.setValue(external);
                }
            }
            root.set("$defs", definitions);
            Schema schema = SCHEMAS.getSchema(root);
            schema.initializeValidators();
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rewriteReferences(JsonNode schema) {
        return schema.toString().replace("\"#/components/schemas/", "\"#/$defs/");
    }

    private static void assertRequiredHeaders(JsonNode documented, APIGatewayProxyResponseEvent response, String what) {
        List<String> missing = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = documented.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            JsonNode definition = header.getValue().has("$ref")
                    ? OPENAPI.at(header.getValue().get("$ref").asText().substring(1)) : header.getValue();
            if (definition.path("required").asBoolean(false) && header(response, header.getKey()) == null) {
                missing.add(header.getKey());
            }
        }
        assertThat(missing).as("required headers of %s", what).isEmpty();
    }

    public static String header(APIGatewayProxyResponseEvent response, String name) {
        if (response.getHeaders() == null) {
            return null;
        }
        return response.getHeaders().entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode load() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(DOCUMENT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
