package dev.persona.local.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local in server mode on loopback, in memory or in a folder that survives restarts.
 * DynamoDB Local refuses port 0, so a free port is chosen before starting.
 */
public final class LocalDynamoDb implements AutoCloseable {

    public static final Region REGION = Region.US_EAST_1;
    private static final int START_ATTEMPTS = 3;

    private final Builder settings;
    private DynamoDBProxyServer server;
    private int port;

    private LocalDynamoDb(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    public LocalDynamoDb start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        RuntimeException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int candidate = settings.port != 0 ? settings.port : freePort();
            try {
                DynamoDBProxyServer started = ServerRunner.createServerFromCommandLineArgs(arguments(candidate));
                started.start();
                server = started;
                port = candidate;
                return this;
            } catch (Exception e) {
                // Another process may have taken the free port between probing and binding: try another.
                last = new IllegalStateException("DynamoDB Local did not start on port " + candidate, e);
                if (settings.port != 0) {
                    break;
                }
            }
        }
        throw last;
    }

    private String[] arguments(int candidate) {
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(candidate), "-disableTelemetry",
                "-sharedDb"));
        if (settings.dataDirectory == null) {
            args.add("-inMemory");
        } else {
            try {
                Files.createDirectories(settings.dataDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            args.add("-dbPath");
            args.add(settings.dataDirectory.toAbsolutePath().toString());
        }
        return args.toArray(String[]::new);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        return port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** DynamoDB Local accepts any credentials; these fixed ones keep clients reproducible. */
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

    /** Settings with defaults: a free port, in memory. */
    public static final class Builder {
        private int port;
        private Path dataDirectory;

        private Builder() {
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
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
