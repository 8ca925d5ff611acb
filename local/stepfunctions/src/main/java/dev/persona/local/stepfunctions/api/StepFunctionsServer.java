package dev.persona.local.stepfunctions.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.persona.local.servers.LoopbackHosts;
import dev.persona.local.stepfunctions.LocalStepFunctions;
import dev.persona.local.stepfunctions.StepFunctionsException;
import dev.persona.local.stepfunctions.asl.Json;

/**
 * The Step Functions wire protocol on loopback: AWS JSON 1.0, {@code POST /} with
 * {@code X-Amz-Target: AWSStepFunctions.<Action>}. The unmodified AWS SDK (with an endpoint override) and
 * the AWS CLI ({@code --endpoint-url}) talk to it. It answers only requests addressed to it on loopback
 * ({@link LoopbackHosts}: DNS rebinding cannot reach it), and serves only what its {@link StepFunctionsRequestGate}
 * lets through (the local runtime's gate checks the SigV4 signature and the caller's permissions).
 */
public final class StepFunctionsServer implements AutoCloseable {

    private static final String TARGET_PREFIX = "AWSStepFunctions.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    private final Builder settings;
    private final StepFunctionsApi api;
    private HttpServer server;
    private ExecutorService requestThreads;

    private StepFunctionsServer(Builder settings) {
        this.settings = settings;
        this.api = new StepFunctionsApi(settings.stepFunctions);
    }

    public static Builder builder() {
        return new Builder();
    }

    public StepFunctionsServer start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host, settings.port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Step Functions endpoint did not start on " + settings.host + ":"
                    + settings.port, e);
        }
        requestThreads = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(requestThreads);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** Stops accepting requests; the executions keep running in the {@link LocalStepFunctions}. Safe to call twice. */
    public void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        requestThreads.shutdownNow();
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    public URI endpoint() {
        return URI.create("http://" + settings.host + ":" + port());
    }

    public LocalStepFunctions stepFunctions() {
        return settings.stepFunctions;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            if (!LoopbackHosts.allowed(exchange.getRequestHeaders().getFirst("Host"), port())) {
                respond(exchange, requestId, 400, error("InvalidHostHeader", LoopbackHosts.REFUSAL));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                respond(exchange, requestId, 405, error("UnknownOperationException", "Only POST is supported"));
                return;
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (target == null || !target.startsWith(TARGET_PREFIX)) {
                respond(exchange, requestId, 400, error("UnknownOperationException",
                        "Missing or unknown X-Amz-Target: " + target));
                return;
            }
            byte[] bytes;
            try (InputStream body = exchange.getRequestBody()) {
                bytes = body.readAllBytes();
            }
            JsonNode request;
            try {
                String text = new String(bytes, StandardCharsets.UTF_8);
                request = text.isBlank() ? Json.object() : Json.parse(text);
            } catch (IllegalArgumentException e) {
                respond(exchange, requestId, 400, error("SerializationException", "Malformed request body: "
                        + e.getMessage()));
                return;
            }
            String action = target.substring(TARGET_PREFIX.length());
            try {
                settings.gate.check(new StepFunctionsRequestGate.Request(action, exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                        name -> headerValues(exchange, name), bytes, request));
                respond(exchange, requestId, 200, api.handle(action, request));
            } catch (StepFunctionsException e) {
                respond(exchange, requestId, 400, error(e.errorType(), e.getMessage()));
            } catch (RuntimeException e) {
                respond(exchange, requestId, 500, error("InternalFailure", String.valueOf(e)));
            }
        }
    }

    private static List<String> headerValues(HttpExchange exchange, String name) {
        List<String> values = exchange.getRequestHeaders().get(name);
        return values == null ? List.of() : values;
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode error = Json.object();
        error.put("__type", type);
        error.put("message", message);
        return error;
    }

    private static void respond(HttpExchange exchange, String requestId, int status, JsonNode body)
            throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Settings with defaults: loopback, a free port. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private LocalStepFunctions stepFunctions;
        private StepFunctionsRequestGate gate = StepFunctionsRequestGate.OPEN;

        private Builder() {
        }

        /** What decides whether a request is served; by default every request is. */
        public Builder requestGate(StepFunctionsRequestGate gate) {
            this.gate = Objects.requireNonNull(gate);
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

        /** The service the endpoint serves. */
        public Builder stepFunctions(LocalStepFunctions stepFunctions) {
            this.stepFunctions = Objects.requireNonNull(stepFunctions);
            return this;
        }

        public StepFunctionsServer build() {
            if (stepFunctions == null) {
                throw new IllegalStateException("stepFunctions is required");
            }
            return new StepFunctionsServer(this);
        }
    }
}
