package dev.persona.api.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Publishes a key set on loopback with the JDK's HTTP server, counts the fetches and can simulate an
 * outage: enough to test caching, refresh limits and outage tolerance of the authorizer.
 */
public final class JwksServer implements AutoCloseable {

    public static final String PATH = "/.well-known/jwks.json";

    private final HttpServer server;
    private final List<JWK> keys = new CopyOnWriteArrayList<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicBoolean down = new AtomicBoolean();

    public JwksServer(List<JWK> publicKeys) {
        keys.addAll(publicKeys);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext(PATH, this::serve);
        server.start();
    }

    private void serve(HttpExchange exchange) throws IOException {
        fetches.incrementAndGet();
        byte[] body = down.get() ? "unavailable".getBytes(StandardCharsets.UTF_8)
                : new JWKSet(List.copyOf(keys)).toString(true).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(down.get() ? 503 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The issuer-style base URL ({@code http://127.0.0.1:port}); the key set is at {@link #PATH}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public URI jwksUri() {
        return baseUri().resolve(PATH);
    }

    public int fetches() {
        return fetches.get();
    }

    public void publish(JWK publicKey) {
        keys.add(publicKey);
    }

    public void setDown(boolean isDown) {
        down.set(isDown);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
