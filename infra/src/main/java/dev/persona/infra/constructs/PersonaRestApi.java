package dev.persona.infra.constructs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.persona.contracts.ApiGatewaySettings;
import dev.persona.contracts.ApiRoute;
import dev.persona.contracts.ApiRoutes;
import dev.persona.contracts.AuthorizerContext;
import dev.persona.contracts.FunctionDefinition;
import dev.persona.contracts.GatewayResponses;
import dev.persona.contracts.RequestSchemas;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.AccessLogField;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.ApiKeySourceType;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.CfnModel;
import software.amazon.awscdk.services.apigateway.CorsOptions;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.IApiKey;
import software.amazon.awscdk.services.apigateway.IModel;
import software.amazon.awscdk.services.apigateway.IdentitySource;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.Model;
import software.amazon.awscdk.services.apigateway.Period;
import software.amazon.awscdk.services.apigateway.QuotaSettings;
import software.amazon.awscdk.services.apigateway.RequestAuthorizer;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.Resource;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.apigateway.ThrottleSettings;
import software.amazon.awscdk.services.apigateway.UsagePlan;
import software.amazon.awscdk.services.apigateway.UsagePlanPerApiStage;
import software.amazon.awscdk.services.apigateway.UsagePlanProps;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The REST API: every route of {@link ApiRoutes} as a Lambda proxy integration to its function's alias,
 * behind the Lambda REQUEST authorizer on the {@code Authorization} header (results cached), with request
 * validation and JSON Schema models for bodies, CORS preflight for the allowed origins, problem+json
 * gateway responses (from {@link GatewayResponses}) that carry CORS headers too, stage throttling, a usage
 * plan, JSON access logs, execution error logs and X-Ray tracing.
 */
public final class PersonaRestApi extends Construct {

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z0-9_]+)}");
    private static final String JSON = "application/json";

    private final RestApi api;
    private final IApiKey apiKey;
    private final Map<String, IModel> models = new LinkedHashMap<>();

    /**
     * @param handlers            the function serving each API function definition of the routes. Required
     * @param authorizer          the REQUEST authorizer function. Required
     * @param stageName           the deployment stage, first segment of every URL. Required
     * @param allowedOrigins      browser origins allowed by CORS. Required
     * @param authorizerCacheTtl  how long a token's authorization is cached.
     *                            Default {@link ApiGatewaySettings#AUTHORIZER_CACHE_TTL}
     * @param throttleRateLimit   steady requests per second for the stage and the usage plan. Default 50
     * @param throttleBurstLimit  burst of requests for the stage and the usage plan. Default 100
     * @param monthlyQuota        requests per month per API key in the usage plan. Default 100000
     * @param apiKeyRequired      every method also requires an API key of the usage plan, and one key is
     *                            created for server-to-server clients. Default false
     * @param logRetention        retention of the access log group. Default one month
     * @param logRemovalPolicy    what happens to the access log group when it leaves the stack. Default RETAIN
     */
    public record Props(
            Map<FunctionDefinition, IFunction> handlers,
            IFunction authorizer,
            String stageName,
            List<String> allowedOrigins,
            Duration authorizerCacheTtl,
            Integer throttleRateLimit,
            Integer throttleBurstLimit,
            Integer monthlyQuota,
            Boolean apiKeyRequired,
            RetentionDays logRetention,
            RemovalPolicy logRemovalPolicy) {

        public Props {
            handlers = Map.copyOf(handlers);
            Objects.requireNonNull(authorizer, "authorizer");
            Objects.requireNonNull(stageName, "stageName");
            allowedOrigins = List.copyOf(allowedOrigins);
            if (allowedOrigins.isEmpty()) {
                throw new IllegalArgumentException("allowedOrigins must not be empty");
            }
            authorizerCacheTtl = authorizerCacheTtl == null
                    ? Duration.seconds(ApiGatewaySettings.AUTHORIZER_CACHE_TTL.toSeconds()) : authorizerCacheTtl;
            throttleRateLimit = throttleRateLimit == null ? 50 : throttleRateLimit;
            throttleBurstLimit = throttleBurstLimit == null ? 100 : throttleBurstLimit;
            monthlyQuota = monthlyQuota == null ? 100_000 : monthlyQuota;
            apiKeyRequired = apiKeyRequired != null && apiKeyRequired;
            logRetention = logRetention == null ? RetentionDays.ONE_MONTH : logRetention;
            logRemovalPolicy = logRemovalPolicy == null ? RemovalPolicy.RETAIN : logRemovalPolicy;
        }
    }

    public PersonaRestApi(Construct scope, String id, Props props) {
        super(scope, id);
        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(props.logRetention())
                .removalPolicy(props.logRemovalPolicy())
                .build();
        api = RestApi.Builder.create(this, "Api")
                .description("persona-pipeline API (" + props.stageName() + ")")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                .apiKeySourceType(ApiKeySourceType.HEADER)
                // Execution logging needs the account's API Gateway CloudWatch role.
                .cloudWatchRole(true)
                .deployOptions(StageOptions.builder()
                        .stageName(props.stageName())
                        .accessLogDestination(new LogGroupLogDestination(accessLogs))
                        .accessLogFormat(AccessLogFormat.custom(accessLogFormat()))
                        .loggingLevel(MethodLoggingLevel.ERROR)
                        .dataTraceEnabled(false)
                        .metricsEnabled(true)
                        .tracingEnabled(true)
                        .throttlingRateLimit(props.throttleRateLimit())
                        .throttlingBurstLimit(props.throttleBurstLimit())
                        .build())
                .build();
        NagAcknowledgements.acknowledgeManagedPolicy(api.getNode().findChild("CloudWatchRole"),
                "service-role/AmazonAPIGatewayPushToCloudWatchLogs", "API Gateway's account-level logging role "
                        + "needs exactly this AWS managed policy, maintained by AWS for that purpose.");
        NagAcknowledgements.acknowledge(api.getDeploymentStage(), "APIG3", "No WAF web ACL (about 6 USD a "
                + "month plus request charges): every route needs a valid token checked by the authorizer, the "
                + "stage throttles, and bodies are validated. Attach a web ACL to the stage when traffic warrants.");

        RequestAuthorizer authorizer = RequestAuthorizer.Builder.create(this, "Authorizer")
                .handler(props.authorizer())
                .identitySources(List.of(IdentitySource.header(ApiRoutes.AUTHORIZATION_HEADER)))
                .resultsCacheTtl(props.authorizerCacheTtl())
                .build();
        RequestValidator validator = api.addRequestValidator("Validator", RequestValidatorOptions.builder()
                .validateRequestBody(true)
                .validateRequestParameters(true)
                .build());

        Map<String, List<ApiRoute>> routesByPath = new LinkedHashMap<>();
        ApiRoutes.ALL.forEach(route ->
                routesByPath.computeIfAbsent(route.path(), path -> new ArrayList<>()).add(route));
        checkRequestSchemasNameRoutes();
        Map<FunctionDefinition, LambdaIntegration> integrations = new LinkedHashMap<>();
        for (var entry : routesByPath.entrySet()) {
            Resource resource = api.getRoot().resourceForPath(entry.getKey());
            for (ApiRoute route : entry.getValue()) {
                LambdaIntegration integration = integrations.computeIfAbsent(route.function(),
                        definition -> LambdaIntegration.Builder.create(handler(props, definition))
                                .proxy(true)
                                .allowTestInvoke(false)
                                .build());
                Method method = resource.addMethod(route.method(), integration, MethodOptions.builder()
                        .authorizationType(AuthorizationType.CUSTOM)
                        .authorizer(authorizer)
                        .apiKeyRequired(props.apiKeyRequired())
                        .requestValidator(validator)
                        .requestParameters(pathParameters(route.path()))
                        .requestModels(requestModels(route))
                        .build());
                NagAcknowledgements.acknowledge(method, "COG4", "The REQUEST authorizer accepts Cognito tokens "
                        + "and Google ID tokens (Google sign-in without Cognito is supported), which a Cognito "
                        + "user pool authorizer cannot.");
            }
            addPreflight(resource, entry.getValue(), props);
        }

        for (GatewayResponses.Entry response : GatewayResponses.ALL) {
            api.addGatewayResponse(response.gatewayType(), GatewayResponseOptions.builder()
                    .type(ResponseType.of(response.gatewayType()))
                    .statusCode(String.valueOf(response.status()))
                    .responseHeaders(gatewayResponseHeaders(props.allowedOrigins()))
                    .templates(Map.of(JSON, response.bodyTemplate()))
                    .build());
        }

        UsagePlan plan = api.addUsagePlan("UsagePlan", UsagePlanProps.builder()
                .description("Limits for clients of the " + props.stageName() + " stage")
                .throttle(ThrottleSettings.builder()
                        .rateLimit(props.throttleRateLimit())
                        .burstLimit(props.throttleBurstLimit())
                        .build())
                .quota(QuotaSettings.builder().limit(props.monthlyQuota()).period(Period.MONTH).build())
                .apiStages(List.of(UsagePlanPerApiStage.builder().api(api).stage(api.getDeploymentStage()).build()))
                .build());
        if (props.apiKeyRequired()) {
            apiKey = api.addApiKey("ServerClientKey");
            plan.addApiKey(apiKey);
        } else {
            apiKey = null;
        }
    }

    private static IFunction handler(Props props, FunctionDefinition definition) {
        IFunction handler = props.handlers().get(definition);
        if (handler == null) {
            throw new IllegalArgumentException("no handler for route function " + definition.id());
        }
        return handler;
    }

    /** Preflight for the methods of one path; browsers send it without the token, so it is not authorized. */
    private void addPreflight(Resource resource, List<ApiRoute> routes, Props props) {
        List<String> headers = new ArrayList<>(ApiGatewaySettings.PREFLIGHT_ALLOWED_HEADERS);
        if (props.apiKeyRequired()) {
            headers.add("X-Api-Key");
        }
        resource.addCorsPreflight(CorsOptions.builder()
                .allowOrigins(props.allowedOrigins())
                .allowMethods(routes.stream().map(ApiRoute::method).toList())
                .allowHeaders(headers)
                .exposeHeaders(ApiGatewaySettings.PREFLIGHT_EXPOSED_HEADERS)
                .maxAge(Duration.seconds(ApiGatewaySettings.PREFLIGHT_MAX_AGE.toSeconds()))
                .build());
    }

    /**
     * The headers of the gateway's own responses ({@link GatewayResponses#headers}), as API Gateway takes static
     * values: in single quotes.
     */
    private static Map<String, String> gatewayResponseHeaders(List<String> allowedOrigins) {
        Map<String, String> headers = new LinkedHashMap<>();
        GatewayResponses.headers(allowedOrigins).forEach((name, value) -> headers.put(name, "'" + value + "'"));
        return headers;
    }

    private Map<String, IModel> requestModels(ApiRoute route) {
        String schemaResource = RequestSchemas.BY_ROUTE.get(route.method() + " " + route.path());
        if (schemaResource == null) {
            return null;
        }
        return Map.of(JSON, models.computeIfAbsent(schemaResource, resource -> {
            String name = modelName(resource);
            CfnModel model = CfnModel.Builder.create(this, "Model" + name)
                    .restApiId(api.getRestApiId())
                    .contentType(JSON)
                    .name(name)
                    .schema(parse(RequestSchemas.load(resource)))
                    .build();
            return Model.fromModelName(this, "ModelReference" + name, model.getRef());
        }));
    }

    private static void checkRequestSchemasNameRoutes() {
        List<String> routes = ApiRoutes.ALL.stream().map(route -> route.method() + " " + route.path()).toList();
        RequestSchemas.BY_ROUTE.keySet().stream().filter(route -> !routes.contains(route)).findFirst().ifPresent(route -> {
            throw new IllegalStateException("request schema for a route that does not exist: " + route);
        });
    }

    /** {@code schemas/create-upload-request.json} becomes {@code CreateUploadRequest}. */
    static String modelName(String schemaResource) {
        String file = schemaResource.substring(schemaResource.lastIndexOf('/') + 1).replace(".json", "");
        StringBuilder name = new StringBuilder();
        for (String word : file.split("-")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }

    private static Object parse(String json) {
        try {
            return new ObjectMapper().readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request schema is not JSON", e);
        }
    }

    /** {@code method.request.path.jobId} for every {@code {jobId}} of the path, each required. */
    private static Map<String, Boolean> pathParameters(String path) {
        Map<String, Boolean> parameters = new TreeMap<>();
        Matcher matcher = PATH_PARAMETER.matcher(path);
        while (matcher.find()) {
            parameters.put("method.request.path." + matcher.group(1), true);
        }
        return parameters;
    }

    /**
     * One JSON object per request, with the caller's user id from the authorizer context. Only fields
     * whose values never contain quotes, so every line stays valid JSON.
     */
    private static String accessLogFormat() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("requestId", AccessLogField.contextRequestId());
        fields.put("extendedRequestId", AccessLogField.contextExtendedRequestId());
        fields.put("requestTime", AccessLogField.contextRequestTime());
        fields.put("httpMethod", AccessLogField.contextHttpMethod());
        fields.put("resourcePath", AccessLogField.contextResourcePath());
        fields.put("status", AccessLogField.contextStatus());
        fields.put("protocol", AccessLogField.contextProtocol());
        fields.put("responseLength", AccessLogField.contextResponseLength());
        fields.put("responseLatency", AccessLogField.contextResponseLatency());
        fields.put("integrationLatency", AccessLogField.contextIntegrationLatency());
        fields.put("sourceIp", AccessLogField.contextIdentitySourceIp());
        fields.put("userAgent", AccessLogField.contextIdentityUserAgent());
        fields.put("userId", AccessLogField.contextAuthorizer(AuthorizerContext.USER_ID));
        fields.put("authorizerStatus", AccessLogField.contextAuthorizerStatus());
        fields.put("authorizerLatency", AccessLogField.contextAuthorizerLatency());
        fields.put("errorType", AccessLogField.contextErrorResponseType());
        fields.put("xrayTraceId", AccessLogField.contextXrayTraceId());
        return fields.entrySet().stream()
                .map(field -> "\"" + field.getKey() + "\":\"" + field.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    public RestApi api() {
        return api;
    }

    /** The server-to-server clients' API key, when methods require one. */
    public Optional<IApiKey> apiKey() {
        return Optional.ofNullable(apiKey);
    }
}
