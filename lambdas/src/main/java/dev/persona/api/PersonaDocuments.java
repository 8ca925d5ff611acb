package dev.persona.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.persona.json.Json;

/**
 * What the personas route may serve: a stored document that parses, satisfies the persona's documented schema
 * ({@code docs/persona.schema.json}, compiled at init) and belongs to the job asked for. Anything else in the
 * bucket, however it got there, is not passed on as a persona.
 */
public final class PersonaDocuments {

    private static final String SCHEMA = "/schemas/persona.schema.json";
    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Schema schema;

    private PersonaDocuments(Schema schema) {
        this.schema = schema;
    }

    /** Compiles the schema now, so a missing or broken one fails the cold start. */
    public static PersonaDocuments load() {
        try (InputStream in = PersonaDocuments.class.getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("the persona schema is missing from the classpath: " + SCHEMA);
            }
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(Json.MAPPER.readTree(in));
            schema.initializeValidators();
            return new PersonaDocuments(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why {@code document} may not be served as the persona of {@code jobId}, or null when it may. */
    public String problem(String document, String jobId) {
        JsonNode json;
        try {
            json = READER.readTree(document);
        } catch (JsonProcessingException e) {
            return "not JSON";
        }
        if (json == null || !json.isObject()) {
            return "not a JSON object";
        }
        if (!jobId.equals(json.path("jobId").asText(null))) {
            return "the document names another job";
        }
        List<Error> errors = schema.validate(json);
        return errors.isEmpty() ? null : errors.size() + " schema violations, first at "
                + errors.getFirst().getInstanceLocation();
    }
}
