package dev.persona.infra.constructs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.persona.contracts.ApiRoute;
import dev.persona.contracts.ApiRoutes;
import dev.persona.contracts.AuthorizerContext;
import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.GatewayResponses;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.RequestSchemas;
import dev.persona.contracts.StorageLayout;
import dev.persona.contracts.Tables;
import dev.persona.infra.SynthesizedStage;
import dev.persona.infra.TestStages;
import dev.persona.infra.stacks.BackendStack;
import org.junit.jupiter.api.Test;

import static dev.persona.infra.SynthesizedStage.JSON;
import static dev.persona.infra.SynthesizedStage.fieldNames;
import static dev.persona.infra.SynthesizedStage.items;
import static dev.persona.infra.SynthesizedStage.logicalId;
import static dev.persona.infra.SynthesizedStage.only;
import static dev.persona.infra.SynthesizedStage.resources;
import static dev.persona.infra.SynthesizedStage.texts;
import static org.assertj.core.api.Assertions.assertThat;

class ApiTest {

    private static final SynthesizedStage STAGE = SynthesizedStage.shared();
    private static final BackendStack BACKEND = STAGE.deployment.backend();
    private static final ApiFunctions FUNCTIONS = BACKEND.apiFunctions();
    private static final JsonNode TEMPLATE = STAGE.template(BACKEND);

    /** Each API Gateway resource's full path, by logical id. */
    private static Map<String, String> resourcePaths() {
        Map<String, JsonNode> resources = resources(TEMPLATE, "AWS::ApiGateway::Resource");
        Map<String, String> paths = new HashMap<>();
        resources.keySet().forEach(id -> paths.put(id, path(id, resources)));
        return paths;
    }

    private static String path(String id, Map<String, JsonNode> resources) {
        JsonNode resource = resources.get(id).path("Properties");
        String parent = resource.at("/ParentId/Ref").asText("");
        String parentPath = parent.isEmpty() ? "" : path(parent, resources);
        return parentPath + "/" + resource.path("PathPart").asText();
    }

    /** The method serving {@code httpMethod path}. */
    private static JsonNode method(String httpMethod, String path) {
        Map<String, String> paths = resourcePaths();
        return resources(TEMPLATE, "AWS::ApiGateway::Method").values().stream()
                .filter(method -> method.at("/Properties/HttpMethod").asText().equals(httpMethod)
                        && path.equals(paths.get(method.at("/Properties/ResourceId/Ref").asText())))
                .findFirst().orElseThrow(() -> new AssertionError("no method " + httpMethod + " " + path))
                .path("Properties");
    }

    @Test
    void everyRouteIsAProxyToItsFunctionsAliasBehindTheAuthorizer() {
        String authorizer = resources(TEMPLATE, "AWS::ApiGateway::Authorizer").keySet().iterator().next();
        for (ApiRoute route : ApiRoutes.ALL) {
            JsonNode method = method(route.method(), route.path());
            assertThat(method.path("AuthorizationType").asText()).as(route.path()).isEqualTo("CUSTOM");
            assertThat(method.at("/AuthorizerId/Ref").asText()).isEqualTo(authorizer);
            assertThat(method.at("/Integration/Type").asText()).isEqualTo("AWS_PROXY");
            assertThat(method.at("/Integration/Uri").toString()).as(route.path())
                    .contains("\"Ref\":\"" + logicalId(FUNCTIONS.handlers().get(route.function()).alias()) + "\"");
            assertThat(method.at("/RequestValidatorId/Ref").asText()).isNotEmpty();
            assertThat(method.path("ApiKeyRequired").asBoolean()).isFalse();
        }
        assertThat(resources(TEMPLATE, "AWS::ApiGateway::Method").values().stream()
                .filter(method -> !method.at("/Properties/HttpMethod").asText().equals("OPTIONS")))
                .hasSize(ApiRoutes.ALL.size());
    }

    @Test
    void theTrpcEndpointIsOneGreedyResourceOfGetAndPostToItsFunctionBehindTheSameAuthorizer() {
        String authorizer = resources(TEMPLATE, "AWS::ApiGateway::Authorizer").keySet().iterator().next();
        String trpcAlias = logicalId(FUNCTIONS.handlers().get(LambdaFunctions.TRPC).alias());
        for (String httpMethod : List.of("GET", "POST")) {
            JsonNode method = method(httpMethod, "/trpc/{proxy+}");
            assertThat(method.path("AuthorizationType").asText()).isEqualTo("CUSTOM");
            assertThat(method.at("/AuthorizerId/Ref").asText()).isEqualTo(authorizer);
            assertThat(method.at("/Integration/Type").asText()).isEqualTo("AWS_PROXY");
            assertThat(method.at("/Integration/IntegrationHttpMethod").asText()).isEqualTo("POST");
            assertThat(method.at("/Integration/Uri").toString()).contains("\"Ref\":\"" + trpcAlias + "\"");
            assertThat(method.path("RequestModels").isMissingNode()).as("the input is validated by the handler")
                    .isTrue();
        }
        JsonNode preflight = method("OPTIONS", "/trpc/{proxy+}");
        assertThat(preflight.path("AuthorizationType").asText()).isEqualTo("NONE");
        assertThat(preflight.at("/Integration/IntegrationResponses/0").toString()).contains("'GET,POST'")
                .contains(TestStages.WEB_ORIGIN);
        assertThat(resourcePaths().values()).contains("/trpc", "/trpc/{proxy+}");
        JsonNode trpc = TEMPLATE.at("/Resources/" + logicalId(FUNCTIONS.handlers().get(LambdaFunctions.TRPC).function())
                + "/Properties");
        assertThat(trpc.path("Handler").asText()).isEqualTo(LambdaFunctions.TRPC.handler());
        assertThat(trpc.path("Timeout").asInt()).as("it serves me.deleteData too").isEqualTo(28);
        assertThat(fieldNames(trpc.at("/Environment/Variables")))
                .contains("UPLOADS_BUCKET", "JOBS_TABLE", "PERSONAS_TABLE", "MAX_UPLOAD_BYTES", "ALLOWED_ORIGINS");
    }

    @Test
    void theAuthorizerReadsTheAuthorizationHeaderAndCachesItsAnswer() {
        JsonNode authorizer = only(TEMPLATE, "AWS::ApiGateway::Authorizer").path("Properties");
        assertThat(authorizer.path("Type").asText()).isEqualTo("REQUEST");
        assertThat(authorizer.path("IdentitySource").asText()).isEqualTo("method.request.header." + ApiRoutes.AUTHORIZATION_HEADER);
        assertThat(authorizer.path("AuthorizerResultTtlInSeconds").asInt()).isEqualTo(300);
        assertThat(authorizer.path("AuthorizerUri").toString())
                .contains("\"Ref\":\"" + logicalId(FUNCTIONS.authorizer().alias()) + "\"");
    }

    @Test
    void bodiesAndParametersAreValidatedAgainstTheSharedSchema() throws Exception {
        JsonNode validator = only(TEMPLATE, "AWS::ApiGateway::RequestValidator").path("Properties");
        assertThat(validator.path("ValidateRequestBody").asBoolean()).isTrue();
        assertThat(validator.path("ValidateRequestParameters").asBoolean()).isTrue();

        Map.Entry<String, JsonNode> model = resources(TEMPLATE, "AWS::ApiGateway::Model").entrySet().iterator().next();
        assertThat(model.getValue().at("/Properties/Schema"))
                .isEqualTo(JSON.readTree(RequestSchemas.load(RequestSchemas.CREATE_UPLOAD)));
        assertThat(method("POST", ApiRoutes.PREFIX + "/uploads").at("/RequestModels/application~1json/Ref").asText())
                .isEqualTo(model.getKey());
        assertThat(method("GET", ApiRoutes.PREFIX + "/jobs/{jobId}").at("/RequestParameters/method.request.path.jobId").asBoolean())
                .isTrue();
    }

    @Test
    void gatewayResponsesAreProblemDocumentsWithCorsHeaders() {
        Map<String, JsonNode> responses = new HashMap<>();
        resources(TEMPLATE, "AWS::ApiGateway::GatewayResponse").values()
                .forEach(response -> responses.put(response.at("/Properties/ResponseType").asText(), response.path("Properties")));
        for (GatewayResponses.Entry entry : GatewayResponses.ALL) {
            JsonNode response = responses.get(entry.gatewayType());
            assertThat(response).as(entry.gatewayType()).isNotNull();
            assertThat(response.path("StatusCode").asText()).isEqualTo(String.valueOf(entry.status()));
            String body = response.at("/ResponseTemplates/application~1json").asText();
            assertThat(body).isEqualTo(entry.bodyTemplate()).contains("\"requestId\":\"$context.requestId\"");
            JsonNode headers = response.path("ResponseParameters");
            assertThat(headers.path("gatewayresponse.header.Access-Control-Allow-Origin").asText())
                    .as("an allowed origin, never the request's echoed").isEqualTo("'" + TestStages.WEB_ORIGIN + "'");
            assertThat(headers.path("gatewayresponse.header.Content-Type").asText())
                    .isEqualTo("'" + GatewayResponses.PROBLEM_JSON + "'");
            assertThat(headers.path("gatewayresponse.header.Cache-Control").asText()).isEqualTo("'no-store'");
            assertThat(headers.path("gatewayresponse.header.X-Content-Type-Options").asText()).isEqualTo("'nosniff'");
        }
        assertThat(responses).containsKeys("DEFAULT_4XX", "DEFAULT_5XX").hasSize(GatewayResponses.ALL.size());
    }

    @Test
    void preflightAllowsExactlyTheConfiguredOrigins() {
        for (String path : ApiRoutes.ALL.stream().map(ApiRoute::path).distinct().toList()) {
            JsonNode preflight = method("OPTIONS", path);
            assertThat(preflight.path("AuthorizationType").asText()).isEqualTo("NONE");
            String responseMapping = preflight.at("/Integration/IntegrationResponses/0").toString();
            assertThat(responseMapping).contains(TestStages.WEB_ORIGIN).contains(TestStages.LOCAL_ORIGIN)
                    .contains(ApiRoutes.AUTHORIZATION_HEADER).contains("ETag").doesNotContain("'*'");
        }
    }

    @Test
    void theStageThrottlesTracesAndLogsJsonWithTheCaller() throws Exception {
        JsonNode stage = only(TEMPLATE, "AWS::ApiGateway::Stage").path("Properties");
        assertThat(stage.path("StageName").asText()).isEqualTo(TestStages.STAGE);
        assertThat(stage.path("TracingEnabled").asBoolean()).isTrue();
        JsonNode settings = stage.at("/MethodSettings/0");
        assertThat(settings.path("HttpMethod").asText()).isEqualTo("*");
        assertThat(settings.path("ResourcePath").asText()).isEqualTo("/*");
        assertThat(settings.path("ThrottlingRateLimit").asInt()).isEqualTo(50);
        assertThat(settings.path("ThrottlingBurstLimit").asInt()).isEqualTo(100);
        assertThat(settings.path("LoggingLevel").asText()).isEqualTo("ERROR");
        assertThat(settings.path("DataTraceEnabled").asBoolean()).isFalse();
        JsonNode format = JSON.readTree(stage.at("/AccessLogSetting/Format").asText());
        assertThat(format.path("requestId").asText()).isEqualTo("$context.requestId");
        assertThat(format.path("userId").asText()).isEqualTo("$context.authorizer." + AuthorizerContext.USER_ID);
        String logGroup = stage.at("/AccessLogSetting/DestinationArn/Fn::GetAtt/0").asText();
        assertThat(TEMPLATE.at("/Resources/" + logGroup + "/Properties/RetentionInDays").asInt())
                .isEqualTo(TestStages.LOG_RETENTION_DAYS);
    }

    @Test
    void aUsagePlanCoversTheStage() {
        JsonNode plan = only(TEMPLATE, "AWS::ApiGateway::UsagePlan").path("Properties");
        assertThat(plan.at("/Throttle/RateLimit").asInt()).isEqualTo(50);
        assertThat(plan.at("/Quota/Period").asText()).isEqualTo("MONTH");
        assertThat(plan.at("/ApiStages/0/Stage/Ref").asText())
                .isEqualTo(resources(TEMPLATE, "AWS::ApiGateway::Stage").keySet().iterator().next());
        assertThat(resources(TEMPLATE, "AWS::ApiGateway::ApiKey")).as("keys only when required").isEmpty();
    }

    @Test
    void eachFunctionGetsTheEnvironmentItReadsAndNothingElse() {
        List<JavaFunction> functions = new ArrayList<>(FUNCTIONS.handlers().values());
        functions.add(FUNCTIONS.authorizer());
        functions.addAll(BACKEND.pipeline().steps());
        functions.addAll(BACKEND.backgroundFunctions().values());
        assertThat(functions).extracting(JavaFunction::definition)
                .containsExactlyInAnyOrderElementsOf(LambdaFunctions.ALL);
        for (JavaFunction function : functions) {
            JsonNode variables = TEMPLATE.at("/Resources/" + logicalId(function.function()) + "/Properties/Environment/Variables");
            List<String> names = new ArrayList<>(fieldNames(variables));
            FunctionDefinition definition = function.definition();
            assertThat(definition.environmentVariables()).as(definition.id()).containsAll(names);
            assertThat(names).as(definition.id() + " gets every cloud setting it reads")
                    .containsAll(definition.environmentVariables().stream()
                            .filter(name -> !DEFAULTED_EVERYWHERE.contains(name)).toList());
        }
        JsonNode uploads = TEMPLATE.at("/Resources/" + logicalId(FUNCTIONS.handlers().get(LambdaFunctions.UPLOADS).function())
                + "/Properties/Environment/Variables");
        assertThat(uploads.path("MAX_UPLOAD_BYTES").asText()).isEqualTo(String.valueOf(TestStages.MAX_UPLOAD_BYTES));
        assertThat(uploads.path("ALLOWED_ORIGINS").asText()).isEqualTo(TestStages.WEB_ORIGIN + "," + TestStages.LOCAL_ORIGIN);
        JsonNode authorizer = TEMPLATE.at("/Resources/" + logicalId(FUNCTIONS.authorizer().function()) + "/Properties/Environment/Variables");
        assertThat(authorizer.path("GOOGLE_CLIENT_IDS").asText()).isEqualTo(TestStages.GOOGLE_CLIENT_ID);
        assertThat(authorizer.path("COGNITO_USER_POOL_ID").toString()).contains("UserPool");
        assertThat(authorizer.path("DEV_ISSUER_URL").asText()).as("no development issuer in the cloud").isEmpty();
    }

    /** Settings whose handler default every stage keeps, so no stage sets them. */
    private static final List<String> DEFAULTED_EVERYWHERE = List.of("ALLOWED_JWT_ALGORITHMS", "MAX_INVALID_RECORD_RATIO",
            "PRESIGNED_URL_TTL_SECONDS", "CREDENTIALS_DURATION_SECONDS");

    private static JavaFunction handler(FunctionDefinition definition) {
        return FUNCTIONS.handlers().get(definition);
    }

    /**
     * Actions of the model on any resource because their service authorizes them on none (CloudFront's public keys
     * and key groups, DynamoDB's ListStreams), each named in the model with that reason.
     */
    private static final List<String> ACTIONS_WITHOUT_RESOURCES = List.of("cloudfront:CreatePublicKey",
            "cloudfront:GetPublicKey", "cloudfront:DeletePublicKey", "cloudfront:ListPublicKeys",
            "cloudfront:GetKeyGroup", "cloudfront:UpdateKeyGroup", "dynamodb:ListStreams");

    @Test
    void noPolicyAnywhereGrantsWildcardActionsOrDataOnStar() {
        for (JsonNode template : STAGE.templates().values()) {
            resources(template, "AWS::IAM::Policy").forEach((id, policy) ->
                    items(policy.at("/Properties/PolicyDocument/Statement")).forEach(statement -> {
                        List<String> actions = texts(statement.path("Action"));
                        assertThat(actions).as(id).noneMatch(action -> action.equals("*") || action.endsWith(":*"));
                        if (texts(statement.path("Resource")).contains("*")) {
                            assertThat(actions).as(id + " on *").allMatch(action ->
                                    action.startsWith("xray:") || action.startsWith("logs:")
                                            || ACTIONS_WITHOUT_RESOURCES.contains(action));
                        }
                    }));
        }
    }
}
