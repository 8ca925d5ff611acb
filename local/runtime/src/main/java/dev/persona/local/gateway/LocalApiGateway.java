package dev.persona.local.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.persona.contracts.ApiGatewaySettings;
import dev.persona.contracts.ApiRoute;
import dev.persona.contracts.ApiRoutes;
import dev.persona.contracts.GatewayResponses;
import dev.persona.contracts.LambdaFunctions;
import dev.persona.contracts.RequestSchemas;
import dev.persona.local.http.LoopbackHttpServer;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctions.Failed;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctions.Invocation;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctions.Returned;

/**
 * API Gateway (REST API, Lambda proxy integrations behind a Lambda REQUEST authorizer) on loopback, for the
 * route table of {@link ApiRoutes}. A request goes through what the deployed stage does, in its order:
 *
 * <ol>
 *   <li>CORS preflight ({@code OPTIONS} on a resource) answered by the gateway itself, without the authorizer;</li>
 *   <li>route lookup: no resource or no such method on it is the {@code MISSING_AUTHENTICATION_TOKEN} response;</li>
 *   <li>the authorizer function with the REQUEST event, its decision cached per {@code Authorization} header
 *   for the cache TTL, its policy evaluated against the request's method ARN;</li>
 *   <li>body validation against the route's request model;</li>
 *   <li>the route's function with the proxy event, and its proxy response mapped back to HTTP.</li>
 * </ol>
 *
 * Whatever the gateway answers itself is a {@link GatewayResponses} problem document with the request id
 * filled in and the CORS headers the deployed gateway responses carry. Every response carries the request id
 * in {@code x-amzn-RequestId}.
 */
public final class LocalApiGateway implements AutoCloseable {

    /** API Gateway's largest request payload. */
    static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
    /** API Gateway's longest wait for an integration. */
    static final Duration DEFAULT_INTEGRATION_TIMEOUT = Duration.ofSeconds(29);
    /** The message a Lambda authorizer fails with to have API Gateway answer 401. */
    private static final String UNAUTHORIZED_MESSAGE = "Unauthorized";
    private static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    private final Builder settings;
    private final ApiStage stage;
    private final RouteTable routes;
    private final RequestBodyValidator bodies;
    private final ObjectMapper mapper = JsonMapper.builder().build();
    private final Map<String, CachedDecision> decisions = new ConcurrentHashMap<>();
    private LoopbackHttpServer server;

    private LocalApiGateway(Builder settings) {
        this.settings = settings;
        this.stage = new ApiStage(settings.region, settings.accountId, settings.apiId, settings.stage);
        this.routes = new RouteTable(settings.routes);
        this.bodies = new RequestBodyValidator(settings.requestSchemas, mapper);
    }

    public static Builder builder() {
        return new Builder();
    }

    public LocalApiGateway start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = LoopbackHttpServer.start("the API gateway", settings.host, settings.port, this::handle);
        return this;
    }

    /** Stops accepting requests and ends the requests in flight. Safe to call twice. */
    public void stop() {
        if (server == null) {
            return;
        }
        server.stop();
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return started().port();
    }

    /** The stage's base URL: routes start with {@code /v1} below it. */
    public URI endpoint() {
        return started().endpoint();
    }

    private LoopbackHttpServer started() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server;
    }

    // ---- the request pipeline ----

    private void handle(HttpExchange exchange) throws IOException {
        if (settings.site != null && !isApiPath(exchange.getRequestURI().getRawPath())) {
            // CloudFront's default behavior: everything outside the API's prefix is the web app.
            settings.site.handle(exchange);
            return;
        }
        long started = System.nanoTime();
        try (exchange) {
            IncomingRequest request = read(exchange);
            String requestId = request == null ? UUID.randomUUID().toString() : request.requestId();
            Answer answer = request == null
                    ? gatewayResponse(GatewayResponses.REQUEST_TOO_LARGE, requestId)
                    : answer(request);
            write(exchange, answer, requestId);
            settings.accessLog.accept(accessLogLine(exchange, answer, requestId, started));
        }
    }

    private static boolean isApiPath(String path) {
        return path != null && ApiRoutes.PREFIXES.stream()
                .anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }

    /**
     * The request, or null when its body is larger than API Gateway accepts: decided from {@code Content-Length} when
     * the request announces it, before a byte of the body is read (a client waiting on {@code Expect: 100-continue}
     * sends nothing then), otherwise after the limit.
     */
    private IncomingRequest read(HttpExchange exchange) throws IOException {
        String announced = exchange.getRequestHeaders().getFirst("Content-Length");
        if (announced != null && announced.chars().allMatch(Character::isDigit) && announced.length() < 19
                && Long.parseLong(announced) > MAX_PAYLOAD_BYTES) {
            return null;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
        }
        if (body.length > MAX_PAYLOAD_BYTES) {
            return null;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        forwardingHeaders(exchange, headers);
        URI uri = exchange.getRequestURI();
        return new IncomingRequest(UUID.randomUUID().toString(), settings.clock.instant(),
                exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, body,
                exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol());
    }

    /** The headers API Gateway adds for the integration: the client's address, port and scheme, the trace id. */
    private static void forwardingHeaders(HttpExchange exchange, Map<String, List<String>> headers) {
        headers.put("X-Forwarded-For", List.of(exchange.getRemoteAddress().getAddress().getHostAddress()));
        headers.put("X-Forwarded-Port", List.of(Integer.toString(exchange.getLocalAddress().getPort())));
        headers.put("X-Forwarded-Proto", List.of("http"));
        headers.put("X-Amzn-Trace-Id", List.of("Root=1-" + Long.toHexString(Instant.now().getEpochSecond()) + "-"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 24)));
    }

    private Answer answer(IncomingRequest request) {
        Optional<RouteTable.ResourceMatch> resource = routes.resource(request.path());
        if (resource.isEmpty()) {
            return gatewayResponse(GatewayResponses.MISSING_ROUTE, request);
        }
        RouteTable.ResourceMatch match = resource.get();
        if (request.method().equals("OPTIONS")) {
            return preflight(match.resource(), request);
        }
        Optional<ApiRoute> route = match.resource().route(request.method());
        if (route.isEmpty()) {
            return gatewayResponse(GatewayResponses.MISSING_ROUTE, request);
        }
        Optional<String> identity = request.header(ApiRoutes.AUTHORIZATION_HEADER).filter(value -> !value.isBlank());
        if (identity.isEmpty()) {
            // A REQUEST authorizer with an identity source is not even called when the source is missing.
            return gatewayResponse(GatewayResponses.UNAUTHORIZED, request);
        }
        Authorization authorization = authorize(identity.get(), request, match);
        if (authorization.refusal() != null) {
            return gatewayResponse(authorization.refusal(), request);
        }
        if (!authorization.decision().allows(stage.methodArn(request.method(), request.path()))) {
            return gatewayResponse(GatewayResponses.ACCESS_DENIED, request);
        }
        if (!bodies.accepts(request.method(), match.resource().path(), request.header("Content-Type").orElse(null),
                request.body())) {
            return gatewayResponse(GatewayResponses.BAD_REQUEST_BODY, request);
        }
        ObjectNode event = LambdaEvents.proxyEvent(request, match, stage,
                authorization.decision().handlerContext(authorization.latencyMillis()),
                isBinary(request.header("Content-Type").orElse(null)));
        return integrate(route.get(), event, request);
    }

    // ---- the authorizer ----

    private record CachedDecision(AuthorizerDecision decision, Instant expires) {
    }

    /** A decision (with the authorizer's latency, 0 when cached), or the gateway response that replaces it. */
    private record Authorization(AuthorizerDecision decision, long latencyMillis, GatewayResponses.Entry refusal) {
    }

    private Authorization authorize(String identity, IncomingRequest request, RouteTable.ResourceMatch match) {
        CachedDecision cached = decisions.get(identity);
        if (cached != null && settings.clock.instant().isBefore(cached.expires())) {
            return new Authorization(cached.decision(), 0, null);
        }
        long started = System.nanoTime();
        Invocation invocation;
        try {
            invocation = settings.functions.invoke(settings.authorizerFunction,
                    LambdaEvents.authorizerEvent(request, match, stage));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Authorization(null, 0, GatewayResponses.DEFAULT_5XX);
        } catch (RuntimeException e) {
            return new Authorization(null, 0, GatewayResponses.DEFAULT_5XX);
        }
        long latency = (System.nanoTime() - started) / 1_000_000;
        if (invocation instanceof Failed failed) {
            return new Authorization(null, latency, UNAUTHORIZED_MESSAGE.equals(errorMessage(failed))
                    ? GatewayResponses.UNAUTHORIZED : GatewayResponses.DEFAULT_5XX);
        }
        AuthorizerDecision decision;
        try {
            decision = AuthorizerDecision.parse(((Returned) invocation).payload());
        } catch (IllegalArgumentException e) {
            return new Authorization(null, latency, GatewayResponses.DEFAULT_5XX);
        }
        if (!settings.authorizerCacheTtl.isZero()) {
            decisions.put(identity, new CachedDecision(decision, settings.clock.instant()
                    .plus(settings.authorizerCacheTtl)));
        }
        return new Authorization(decision, latency, null);
    }

    private String errorMessage(Failed failed) {
        try {
            return mapper.readTree(failed.errorPayload()).path("errorMessage").asText(null);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    // ---- the integration ----

    private Answer integrate(ApiRoute route, ObjectNode event, IncomingRequest request) {
        FutureTask<Invocation> call = new FutureTask<>(() -> settings.functions.invoke(route.function().id(), event));
        Thread.ofVirtual().name("integration-" + request.requestId()).start(call);
        Invocation invocation;
        try {
            invocation = call.get(settings.integrationTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return gatewayResponse(GatewayResponses.DEFAULT_5XX, request);
        } catch (TimeoutException e) {
            call.cancel(true);
            return gatewayResponse(GatewayResponses.INTEGRATION_TIMEOUT, request);
        } catch (ExecutionException e) {
            return gatewayResponse(GatewayResponses.DEFAULT_5XX, request);
        }
        if (!(invocation instanceof Returned returned)) {
            return gatewayResponse(GatewayResponses.DEFAULT_5XX, request);
        }
        return proxyResponse(returned.payload(), request).orElseGet(
                () -> gatewayResponse(GatewayResponses.DEFAULT_5XX, request));
    }

    /**
     * The HTTP response a proxy integration's output stands for; empty when it is malformed (API Gateway's
     * "Malformed Lambda proxy response"). Values of {@code multiValueHeaders} replace those of {@code headers}
     * for the same name. A base64 body is decoded only when the client accepts a binary media type.
     */
    private Optional<Answer> proxyResponse(JsonNode output, IncomingRequest request) {
        if (output == null || !output.isObject() || !output.path("statusCode").canConvertToInt()) {
            return Optional.empty();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        JsonNode single = output.path("headers");
        if (single.isObject()) {
            single.properties().forEach(header -> headers.put(header.getKey(), List.of(header.getValue().asText())));
        }
        JsonNode multi = output.path("multiValueHeaders");
        if (multi.isObject()) {
            for (Map.Entry<String, JsonNode> header : multi.properties()) {
                List<String> values = new ArrayList<>();
                header.getValue().forEach(value -> values.add(value.asText()));
                headers.put(header.getKey(), values);
            }
        }
        JsonNode bodyNode = output.path("body");
        byte[] body = new byte[0];
        if (bodyNode.isTextual()) {
            boolean decode = output.path("isBase64Encoded").asBoolean(false)
                    && isBinary(request.header("Accept").map(accept -> accept.split(",", 2)[0]).orElse(null));
            try {
                body = decode ? Base64.getDecoder().decode(bodyNode.textValue())
                        : bodyNode.textValue().getBytes(StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (body.length > 0 && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            headers.put("Content-Type", List.of("application/json"));
        }
        return Optional.of(new Answer(output.path("statusCode").asInt(), headers, body, null));
    }

    private boolean isBinary(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (String binary : settings.binaryMediaTypes) {
            String pattern = binary.toLowerCase(Locale.ROOT);
            if (pattern.equals("*/*") || pattern.equals(mediaType)
                    || pattern.endsWith("/*") && mediaType.startsWith(pattern.substring(0, pattern.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    // ---- what the gateway answers itself ----

    /**
     * The CORS preflight of a resource, as the CDK's {@code addCorsPreflight} mock integration answers it: the
     * first allowed origin unless the request's Origin is one of the others, the resource's methods.
     */
    private Answer preflight(RouteTable.Resource resource, IncomingRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Headers", List.of(String.join(",",
                ApiGatewaySettings.PREFLIGHT_ALLOWED_HEADERS)));
        List<String> origins = settings.allowedOrigins;
        String origin = request.header("Origin").filter(origins::contains).orElse(origins.getFirst());
        headers.put("Access-Control-Allow-Origin", List.of(origin));
        if (!origin.equals("*")) {
            headers.put("Vary", List.of("Origin"));
        }
        headers.put("Access-Control-Allow-Methods", List.of(String.join(",", resource.methods())));
        headers.put("Access-Control-Max-Age",
                List.of(Long.toString(ApiGatewaySettings.PREFLIGHT_MAX_AGE.toSeconds())));
        headers.put("Access-Control-Expose-Headers", List.of(String.join(",",
                ApiGatewaySettings.PREFLIGHT_EXPOSED_HEADERS)));
        return new Answer(204, headers, new byte[0], null);
    }

    private Answer gatewayResponse(GatewayResponses.Entry entry, IncomingRequest request) {
        return gatewayResponse(entry, request.requestId());
    }

    /** A gateway response with the headers the CDK app gives every one of them ({@link GatewayResponses#headers}). */
    private Answer gatewayResponse(GatewayResponses.Entry entry, String requestId) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        GatewayResponses.headers(settings.allowedOrigins).forEach((name, value) -> headers.put(name, List.of(value)));
        byte[] body = entry.bodyTemplate().replace(GatewayResponses.REQUEST_ID_VARIABLE, requestId)
                .getBytes(StandardCharsets.UTF_8);
        return new Answer(entry.status(), headers, body, entry.gatewayType());
    }

    // ---- HTTP ----

    /** A response on its way out; {@code gatewayType} names the gateway response it is, if any. */
    private record Answer(int status, Map<String, List<String>> headers, byte[] body, String gatewayType) {
    }

    private static void write(HttpExchange exchange, Answer answer, String requestId) throws IOException {
        var headers = exchange.getResponseHeaders();
        answer.headers().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
        headers.set(REQUEST_ID_HEADER, requestId);
        boolean bodiless = answer.status() == 204 || answer.status() == 304 || answer.body().length == 0;
        exchange.sendResponseHeaders(answer.status(), bodiless ? -1 : answer.body().length);
        if (!bodiless) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private String accessLogLine(HttpExchange exchange, Answer answer, String requestId, long started) {
        ObjectNode line = mapper.createObjectNode();
        line.put("requestId", requestId);
        line.put("httpMethod", exchange.getRequestMethod());
        line.put("path", exchange.getRequestURI().getRawPath());
        line.put("status", answer.status());
        line.put("responseLatency", (System.nanoTime() - started) / 1_000_000);
        if (answer.gatewayType() != null) {
            line.put("errorType", answer.gatewayType());
        }
        return line.toString();
    }

    /**
     * Settings with defaults: loopback, a free port, the project's routes, authorizer and request models,
     * account 123456789012 in us-east-1, API id {@code personaapi}, stage {@code local}, the deployed cache TTL,
     * no binary media types (the deployed API declares none), no access log.
     */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private List<ApiRoute> routes = ApiRoutes.ALL;
        private FunctionInvoker functions;
        private String authorizerFunction = LambdaFunctions.AUTHORIZER.id();
        private Map<String, String> requestSchemas = RequestSchemas.BY_ROUTE;
        private String region = "us-east-1";
        private String accountId = "123456789012";
        private String apiId = "personaapi";
        private String stage = "local";
        private List<String> allowedOrigins = List.of();
        private Duration authorizerCacheTtl = ApiGatewaySettings.AUTHORIZER_CACHE_TTL;
        private Duration integrationTimeout = DEFAULT_INTEGRATION_TIMEOUT;
        private List<String> binaryMediaTypes = List.of();
        private InstantSource clock = InstantSource.system();
        private Consumer<String> accessLog = line -> { };
        private HttpHandler site;

        private Builder() {
        }

        /**
         * Also serve this site for every path outside the API's base paths ({@code /v1}, {@code /trpc}), as the
         * CloudFront distribution in front of the deployed API serves the web app. Default none: only the API.
         */
        public Builder site(HttpHandler site) {
            this.site = Objects.requireNonNull(site);
            return this;
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder routes(List<ApiRoute> routes) {
            this.routes = List.copyOf(routes);
            return this;
        }

        /** Runs the authorizer and the route handlers by function name. Required. */
        public Builder functions(FunctionInvoker functions) {
            this.functions = Objects.requireNonNull(functions);
            return this;
        }

        public Builder authorizerFunction(String name) {
            this.authorizerFunction = Objects.requireNonNull(name);
            return this;
        }

        /** Request models ({@link RequestSchemas} resources) by {@code METHOD path}. */
        public Builder requestSchemas(Map<String, String> requestSchemas) {
            this.requestSchemas = Map.copyOf(requestSchemas);
            return this;
        }

        public Builder region(String region) {
            this.region = Objects.requireNonNull(region);
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = Objects.requireNonNull(accountId);
            return this;
        }

        public Builder apiId(String apiId) {
            this.apiId = Objects.requireNonNull(apiId);
            return this;
        }

        public Builder stage(String stage) {
            this.stage = Objects.requireNonNull(stage);
            return this;
        }

        /** Browser origins the CORS preflight allows. Required. */
        public Builder allowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = List.copyOf(allowedOrigins);
            return this;
        }

        /** How long an authorizer decision is reused for the same Authorization header; zero disables caching. */
        public Builder authorizerCacheTtl(Duration ttl) {
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("the authorizer cache TTL must not be negative");
            }
            this.authorizerCacheTtl = ttl;
            return this;
        }

        public Builder integrationTimeout(Duration timeout) {
            this.integrationTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Content types whose bodies reach handlers base64-encoded ({@code image/png}, {@code image/*}, ...). */
        public Builder binaryMediaTypes(List<String> binaryMediaTypes) {
            this.binaryMediaTypes = List.copyOf(binaryMediaTypes);
            return this;
        }

        /** The clock of the authorizer cache and of request times. */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Receives one JSON line per request. */
        public Builder accessLog(Consumer<String> accessLog) {
            this.accessLog = Objects.requireNonNull(accessLog);
            return this;
        }

        public LocalApiGateway build() {
            if (functions == null) {
                throw new IllegalStateException("functions are required");
            }
            if (allowedOrigins.isEmpty()) {
                throw new IllegalStateException("allowedOrigins must not be empty");
            }
            return new LocalApiGateway(this);
        }
    }
}
