package dev.persona.local.gateway;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.persona.contracts.RequestSchemas;

/**
 * API Gateway's request validator for bodies: a JSON body of a route with a model must satisfy the model's
 * schema (draft-04, as API Gateway models are) before the handler is invoked. A request without a
 * {@code Content-Type} is taken as {@code application/json}, as API Gateway does; other media types have no
 * model and pass through.
 */
final class RequestBodyValidator {

    private static final String JSON = "application/json";

    private final Map<String, Schema> schemasByRoute = new LinkedHashMap<>();
    private final ObjectMapper mapper;

    /** {@code schemaResources}: {@link RequestSchemas} resources by {@code METHOD path}. */
    RequestBodyValidator(Map<String, String> schemaResources, ObjectMapper mapper) {
        this.mapper = mapper;
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
        schemaResources.forEach((route, resource) -> {
            Schema schema = registry.getSchema(RequestSchemas.load(resource));
            schema.initializeValidators();
            schemasByRoute.put(route, schema);
        });
    }

    /** False when the route has a model for the request's media type and the body does not satisfy it. */
    boolean accepts(String method, String resourcePath, String contentType, byte[] body) {
        Schema schema = schemasByRoute.get(method + " " + resourcePath);
        if (schema == null) {
            return true;
        }
        String mediaType = contentType == null ? JSON
                : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(JSON)) {
            return true;
        }
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (IOException e) {
            return false;
        }
        return json != null && !json.isMissingNode() && schema.validate(json).isEmpty();
    }
}
