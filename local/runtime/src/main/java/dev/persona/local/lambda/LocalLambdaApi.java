package dev.persona.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.persona.local.http.LoopbackHttpServer;
import dev.persona.local.iam.AccessDeniedException;
import dev.persona.local.iam.Caller;
import dev.persona.local.iam.CredentialsException;
import dev.persona.local.iam.LocalIam;
import dev.persona.local.iam.RequestContext;
import dev.persona.local.iam.SigV4;
import dev.persona.local.iam.SigV4Exception;
import dev.persona.local.stepfunctions.tasks.lambda.LambdaFunctions;
import dev.persona.local.stepfunctions.time.TimeSource;

/**
 * AWS Lambda's {@code Invoke} on loopback ({@code POST /2015-03-31/functions/{name}/invocations}, synchronous
 * only), so {@code aws lambda invoke --endpoint-url …} and {@code persona-local invoke} run a function inside the
 * running stack, where it calls with its own role's credentials. The caller signs with Signature Version 4
 * (service {@code lambda}) and needs {@code lambda:InvokeFunction} on the function; errors are Lambda's
 * ({@code ResourceNotFoundException}, {@code AccessDeniedException}…), a function error is the
 * {@code X-Amz-Function-Error: Unhandled} response with the error document, as Lambda answers.
 */
public final class LocalLambdaApi implements AutoCloseable {

    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Builder settings;
    private LoopbackHttpServer server;

    private LocalLambdaApi(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    public LocalLambdaApi start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = LoopbackHttpServer.start("Lambda", settings.host, settings.port, this::handle);
        return this;
    }

    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public URI endpoint() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.endpoint();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Matcher invoke = INVOKE.matcher(exchange.getRequestURI().getRawPath());
            if (!exchange.getRequestMethod().equals("POST") || !invoke.matches()) {
                error(exchange, 404, "UnknownOperationException", "Unknown operation");
                return;
            }
            String name = URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8);
            // A name, or an ARN, either with a qualifier (the alias).
            String id = name.replaceFirst("^arn:[^:]+:lambda:[^:]+:[^:]+:function:", "").split(":")[0];
            String functionArn = settings.functions.functionArn(id);
            try {
                Caller caller = authenticate(exchange, body);
                settings.iam.authorize(caller, "lambda:InvokeFunction", functionArn, RequestContext.EMPTY);
                String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
                if (type != null && !type.equals("RequestResponse")) {
                    error(exchange, 400, "InvalidParameterValueException",
                            "The local Lambda runs synchronous invocations only (RequestResponse), not " + type);
                    return;
                }
                if (!settings.functions.contains(id)) {
                    error(exchange, 404, "ResourceNotFoundException", "Function not found: " + functionArn);
                    return;
                }
                JsonNode payload = body.length == 0 ? JSON.nullNode() : JSON.readTree(body);
                respond(exchange, settings.functions.invoke(name, payload, settings.time));
            } catch (CredentialsException e) {
                error(exchange, 403, "UnrecognizedClientException", "The security token included in the request is "
                        + (e.reason() == CredentialsException.Reason.EXPIRED_TOKEN ? "expired" : "invalid."));
            } catch (SigV4Exception e) {
                error(exchange, 403, e.code().equals("SignatureDoesNotMatch") ? "InvalidSignatureException"
                        : e.code(), e.getMessage());
            } catch (AccessDeniedException e) {
                error(exchange, 403, "AccessDeniedException", e.getMessage());
            } catch (JsonProcessingException e) {
                error(exchange, 400, "InvalidRequestContentException", "Could not parse request body into json");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error(exchange, 500, "ServiceException", "The invocation was interrupted");
            }
        }
    }

    private Caller authenticate(HttpExchange exchange, byte[] body) {
        return settings.iam.authenticate(new SigV4.Request(exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders()::get, body), settings.iam.region(), "lambda");
    }

    private static void respond(HttpExchange exchange, LambdaFunctions.Invocation invocation) throws IOException {
        byte[] payload;
        switch (invocation) {
            case LambdaFunctions.Returned returned -> {
                payload = JSON.writeValueAsBytes(returned.payload());
                exchange.getResponseHeaders().set("X-Amz-Request-Id", returned.requestId());
            }
            case LambdaFunctions.Failed failed -> {
                payload = failed.errorPayload().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("X-Amz-Request-Id", failed.requestId());
                exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
            }
        }
        exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
        send(exchange, 200, payload);
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("X-Amzn-ErrorType", type);
        send(exchange, status, JSON.writeValueAsBytes(JSON.createObjectNode().put("Type", "User")
                .put("message", message)));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Settings with defaults: loopback, a free port. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private LocalIam iam;
        private LambdaFunctions functions;
        private TimeSource time;

        private Builder() {
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

        /** Who may invoke. Required. */
        public Builder iam(LocalIam iam) {
            this.iam = Objects.requireNonNull(iam);
            return this;
        }

        /** The functions, and the time their timeouts run on. Required. */
        public Builder functions(LambdaFunctions functions, TimeSource time) {
            this.functions = Objects.requireNonNull(functions);
            this.time = Objects.requireNonNull(time);
            return this;
        }

        public LocalLambdaApi build() {
            Objects.requireNonNull(iam, "iam");
            Objects.requireNonNull(functions, "functions");
            return new LocalLambdaApi(this);
        }
    }
}
