package dev.persona.local.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local on loopback, in memory or in a folder that survives restarts. Its request handler runs in a Jetty
 * server of this class rather than DynamoDB Local's own, which listens on every interface: bound to the configured
 * host (loopback by default), port 0 picking a free port, and with an optional {@link DynamoDbRequestGate} in front
 * of it that checks signatures and permissions as DynamoDB does. Without a gate, any credentials are accepted.
 */
public final class LocalDynamoDb implements AutoCloseable {

    public static final Region REGION = Region.US_EAST_1;

    /**
     * The AWS SDK 1 inside DynamoDB Local warns, through java.util.logging, that JAXB is unavailable and it falls back
     * to its own Base64, which is what it should do here; its errors still show. Kept in a field: java.util.logging
     * holds its loggers weakly, and a collected logger would forget its level.
     */
    private static final java.util.logging.Logger SDK_V1_BASE64 = quietened("com.amazonaws.util.Base64");

    private final Builder settings;
    private Server server;
    private LocalDynamoDBServerHandler handler;

    private LocalDynamoDb(Builder settings) {
        this.settings = settings;
    }

    private static java.util.logging.Logger quietened(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    public static Builder builder() {
        return new Builder();
    }

    public LocalDynamoDb start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        String dbPath = null;
        if (settings.dataDirectory != null) {
            try {
                Files.createDirectories(settings.dataDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dbPath = settings.dataDirectory.toAbsolutePath().toString();
        }
        if (settings.nativeLibraryDirectory != null) {
            try {
                SqliteNativeLibrary.loadFrom(settings.nativeLibraryDirectory);
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local's SQLite library did not load", e);
            }
        }
        JettyMemoryLayout.configure();
        Server started = new Server();
        try {
            // As DynamoDB Local's own launcher builds it: one shared database, no delayed table statuses, no CORS.
            handler = new LocalDynamoDBServerHandler(
                    new LocalDynamoDBRequestHandler(0, dbPath == null, dbPath, true, false), null);
            ContextHandler context = new ContextHandler("/");
            context.setHandler(handler);
            ServerConnector connector = new ServerConnector(started);
            connector.setHost(settings.host);
            connector.setPort(settings.port);
            started.addConnector(connector);
            started.setHandler(settings.gate == null ? context : new GateHandler(context, settings.gate));
            started.start();
        } catch (Exception e) {
            stopQuietly(started);
            throw new IllegalStateException("DynamoDB Local did not start on " + settings.host + ":" + settings.port, e);
        }
        server = started;
        return this;
    }

    private void stopQuietly(Server started) {
        try {
            started.stop();
        } catch (Exception ignored) {
            // Failed to start in the first place: there is nothing left to release.
        }
        if (handler != null) {
            handler.close();
            handler = null;
        }
    }

    public void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        } finally {
            server = null;
            handler.close();
            handler = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public URI endpoint() {
        return URI.create("http://" + settings.host + ":" + port());
    }

    /** Without a gate any credentials are accepted; these fixed ones keep clients reproducible. */
    public StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }

    /** A client for this server. Close it when done. */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * Reads a request's body, lets the gate decide on it, and hands DynamoDB Local the request with the body
     * replayed; a refusal is answered as DynamoDB answers errors.
     */
    private static final class GateHandler extends Handler.Wrapper {

        private final DynamoDbRequestGate gate;

        GateHandler(Handler next, DynamoDbRequestGate gate) {
            super(next);
            this.gate = gate;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            byte[] body = Content.Source.asInputStream(request).readAllBytes();
            try {
                if (!LoopbackHosts.allowed(request.getHeaders().get("Host"), Request.getLocalPort(request))) {
                    throw new DynamoDbGateException(400, "com.amazon.coral.service#InvalidRequestException",
                            LoopbackHosts.REFUSAL);
                }
                gate.check(new DynamoDbRequest(request.getHeaders().get("X-Amz-Target"), request.getMethod(),
                        request.getHttpURI().getPath(), request.getHttpURI().getQuery(),
                        name -> request.getHeaders().getValuesList(name), body));
            } catch (DynamoDbGateException e) {
                String json = "{\"__type\":\"" + e.type() + "\",\"Message\":\"" + e.getMessage().replace("\\", "\\\\")
                        .replace("\"", "\\\"") + "\"}";
                response.setStatus(e.status());
                response.getHeaders().put("Content-Type", "application/x-amz-json-1.0");
                response.getHeaders().put("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
                response.write(true, java.nio.ByteBuffer.wrap(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        callback);
                return true;
            }
            return super.handle(new Request.Wrapper(request) {
                private boolean read;

                @Override
                public Content.Chunk read() {
                    if (read) {
                        return Content.Chunk.EOF;
                    }
                    read = true;
                    return Content.Chunk.from(java.nio.ByteBuffer.wrap(body), true);
                }

                @Override
                public void demand(Runnable demandCallback) {
                    demandCallback.run();
                }
            }, response, callback);
        }
    }

    /** Settings with defaults: loopback, a free port, in memory, no gate. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Path dataDirectory;
        private DynamoDbRequestGate gate;
        private Path nativeLibraryDirectory;

        private Builder() {
        }

        /**
         * Keep DynamoDB Local's SQLite library in this folder and load it from there, rather than have DynamoDB Local
         * write it to a new temporary file at every start.
         */
        public Builder nativeLibraryDirectory(Path directory) {
            this.nativeLibraryDirectory = directory;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder host(String host) {
            this.host = java.util.Objects.requireNonNull(host);
            return this;
        }

        /** Decide every request before DynamoDB Local serves it. */
        public Builder gate(DynamoDbRequestGate gate) {
            this.gate = java.util.Objects.requireNonNull(gate);
            return this;
        }

        /** Keep the database in this folder; without it, it lives in memory. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        public LocalDynamoDb build() {
            return new LocalDynamoDb(this);
        }
    }
}
