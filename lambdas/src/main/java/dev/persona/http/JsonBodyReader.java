package dev.persona.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.persona.contracts.RequestSchemas;
import dev.persona.json.Json;

/**
 * Reads a JSON request body and validates it against one of the shared {@link RequestSchemas} (the
 * same document API Gateway's request validator uses), reporting every invalid field at once.
 */
public final class JsonBodyReader {

    /** Request bodies here are a few hundred bytes; anything far larger is not a client of ours. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Schema schema;
    private final int maxBodyBytes;

    private JsonBodyReader(Schema schema, int maxBodyBytes) {
        this.schema = schema;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Loads and compiles the schema now, at init, so a broken schema fails the cold start. A {@code $ref} to another
     * schema is a path relative to the schema's own resource ({@code ../schemas/note-request.json}).
     */
    public static JsonBodyReader forSchema(String schemaResource) {
        return forSchema(schemaResource, MAX_BODY_BYTES);
    }

    /** As {@link #forSchema(String)}, for bodies of up to {@code maxBodyBytes} (a note's text, for one). */
    public static JsonBodyReader forSchema(String schemaResource, int maxBodyBytes) {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                .getSchema(SchemaLocation.of("classpath:" + schemaResource), RequestSchemas.load(schemaResource),
                        InputFormat.JSON);
        schema.initializeValidators();
        return new JsonBodyReader(schema, maxBodyBytes);
    }

    /** The body as a JSON tree that satisfies the schema, or an {@link ApiException} saying why not. */
    public JsonNode read(ApiRequest request) {
        String contentType = request.header("Content-Type").orElse(ApiResponse.JSON);
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(ApiResponse.JSON)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        }
        String body = request.body();
        if (body.length() > maxBodyBytes || body.getBytes(StandardCharsets.UTF_8).length > maxBodyBytes) {
            throw new ApiException(ErrorCode.CONTENT_TOO_LARGE);
        }
        JsonNode json;
        try {
            json = READER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "The request body is not valid JSON.");
        }
        if (json == null || json.isMissingNode()) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "The request body is missing.");
        }
        return validate(json, "body");
    }

    /**
     * {@code json} when it satisfies the schema, or an {@link ApiException} listing every invalid field; a problem
     * with the value as a whole is reported for the field {@code root}.
     */
    public JsonNode validate(JsonNode json, String root) {
        List<FieldError> errors = new ArrayList<>();
        for (Error error : schema.validate(json)) {
            errors.add(new FieldError(field(error, root), message(error)));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
        return json;
    }

    /** {@code sizeBytes} for the instance {@code $.sizeBytes}; a missing or unknown property is named too. */
    private static String field(Error error, String root) {
        String path = pointer(error.getInstanceLocation());
        if (error.getProperty() != null) {
            path = path.isEmpty() ? error.getProperty() : path + "." + error.getProperty();
        }
        return path.isEmpty() ? root : path;
    }

    private static String pointer(NodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(element);
            }
        }
        return path.toString();
    }

    /** The validator's message without its location prefix, which {@link #field} already gives. */
    private static String message(Error error) {
        String message = error.getMessage();
        int separator = message.indexOf(": ");
        return separator >= 0 && message.startsWith("$") ? message.substring(separator + 2) : message;
    }
}
