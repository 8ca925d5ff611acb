package dev.persona.http;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.persona.contracts.ApiRoute;
import dev.persona.contracts.ApiRoutes;
import dev.persona.contracts.GatewayResponses;
import dev.persona.contracts.RequestSchemas;
import dev.persona.json.Json;
import dev.persona.api.testing.OpenApiContract;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code docs/openapi.yaml} is a valid OpenAPI 3.1 document and agrees with the code's contracts. */
class OpenApiDocumentTest {

    private static final Set<String> GATEWAY_STATUSES = Set.of("401", "403", "429", "500", "503", "504");

    @Test
    void isAValidOpenApi31Document() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        // Read from its location, so that the external persona schema next to it resolves.
        SwaggerParseResult result = new OpenAPIV3Parser()
                .readLocation(OpenApiContract.DOCUMENT.toUri().toString(), null, options);

        assertThat(result.getMessages()).isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");
        assertThat(api.getComponents().getSecuritySchemes().get("bearerAuth").getScheme()).isEqualTo("bearer");
        assertThat(api.getSecurity()).singleElement().satisfies(requirement ->
                assertThat(requirement).containsKey("bearerAuth"));
    }

    @Test
    void documentsEveryRestRouteAndNothingElse() throws Exception {
        OpenAPI api = new OpenAPIV3Parser().readContents(Files.readString(OpenApiContract.DOCUMENT)).getOpenAPI();
        Set<String> documented = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> documented.add(method.name() + " " + path)));

        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                ApiRoutes.REST.stream().map(route -> route.method() + " " + route.path()).toList());
    }

    @Test
    void everyOperationDocumentsTheGatewayAnswersAsProblems() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolveFully(true);
        OpenAPI api = new OpenAPIV3Parser().readContents(Files.readString(OpenApiContract.DOCUMENT), null, options)
                .getOpenAPI();
        for (ApiRoute route : ApiRoutes.REST) {
            PathItem item = api.getPaths().get(route.path());
            Operation operation = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(route.method()));
            assertThat(operation.getOperationId()).as(route.path()).isNotBlank();
            assertThat(operation.getResponses().keySet()).as(route.method() + " " + route.path())
                    .containsAll(GATEWAY_STATUSES);
            for (String status : GATEWAY_STATUSES) {
                assertThat(operation.getResponses().get(status).getContent())
                        .as(route.path() + " " + status).containsOnlyKeys(GatewayResponses.PROBLEM_JSON);
            }
        }
    }

    @Test
    void problemCodesAreExactlyTheHandlersAndTheGatewaysCodes() {
        Set<String> documented = new HashSet<>();
        OpenApiContract.document().at("/components/schemas/Problem/properties/code/enum")
                .forEach(code -> documented.add(code.asText()));

        Set<String> produced = Stream.concat(Stream.of(ErrorCode.values()).map(Enum::name),
                GatewayResponses.ALL.stream().map(GatewayResponses.Entry::code)).collect(Collectors.toSet());
        assertThat(documented).isEqualTo(produced);
    }

    @Test
    void handlerAndGatewayProblemsValidateAgainstTheProblemSchema() {
        for (ErrorCode code : ErrorCode.values()) {
            ApiResponse response = ProblemMapper.toResponse(new ApiException(code), "req-1");
            OpenApiContract.assertValid("/components/schemas/Problem", response.body());
        }
        ApiResponse validation = ProblemMapper.toResponse(ApiException.invalidField("sizeBytes", "too large"), "r");
        OpenApiContract.assertValid("/components/schemas/Problem", validation.body());
        for (GatewayResponses.Entry entry : GatewayResponses.ALL) {
            OpenApiContract.assertValid("/components/schemas/Problem",
                    entry.bodyTemplate().replace(GatewayResponses.REQUEST_ID_VARIABLE, "gw-req-1"));
        }
    }

    @Test
    void theContractOracleRejectsWhatTheDocumentDoesNotAllow() {
        assertThatThrownBy(() -> OpenApiContract.assertValid("/components/schemas/Problem", "{\"status\":400}"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> OpenApiContract.assertValid("/components/schemas/UploadCredentials",
                "{\"accessKeyId\":\"a\",\"secretAccessKey\":\"s\",\"sessionToken\":\"t\",\"expiration\":\"soon\","
                        + "\"bucket\":\"b\",\"region\":\"r\",\"prefix\":\"p\"}"))
                .as("formats are asserted").isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> OpenApiContract.assertValid("/components/schemas/Job",
                "{\"jobId\":\"j\",\"status\":\"DONE\",\"createdAt\":\"2026-01-01T00:00:00Z\","
                        + "\"updatedAt\":\"2026-01-01T00:00:00Z\",\"links\":{\"self\":\"/v1/jobs/j\"}}"))
                .as("references into the components resolve").isInstanceOf(AssertionError.class);
    }

    @Test
    void everyRequestSchemaIsTheSharedContractSchema() throws Exception {
        for (var route : RequestSchemas.BY_ROUTE.entrySet()) {
            String[] methodAndPath = route.getKey().split(" ", 2);
            String reference = OpenApiContract.document().at("/paths/" + methodAndPath[1].replace("/", "~1") + "/"
                    + methodAndPath[0].toLowerCase(java.util.Locale.ROOT)
                    + "/requestBody/content/application~1json/schema/$ref").asText();
            assertThat(reference).as(route.getKey()).startsWith("#/components/schemas/");
            ObjectNode contract = (ObjectNode) Json.MAPPER.readTree(RequestSchemas.load(route.getValue()));
            JsonNode documented = OpenApiContract.document().at(reference.substring(1));

            assertThat(withoutAnnotations(documented)).as(route.getKey()).isEqualTo(withoutAnnotations(contract));
        }
    }

    /** The schema without {@code $schema}, titles and descriptions, which may be worded differently. */
    private static JsonNode withoutAnnotations(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(copy, objects);
        for (ObjectNode object : objects) {
            object.remove(List.of("$schema", "title", "description"));
        }
        return copy;
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
        }
        node.forEach(child -> collectObjects(child, objects));
    }
}
