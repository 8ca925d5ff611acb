package dev.persona.local.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.persona.local.servers.LoopbackHosts;

/**
 * The JDK's HTTP server on one address, each exchange on a virtual thread of its own: what the local runtime's
 * HTTP endpoints (the API gateway, the identity issuer, STS, Lambda) serve with. It answers only requests addressed
 * to it on loopback ({@link LoopbackHosts}); any other {@code Host} gets a 400 problem document.
 */
public final class LoopbackHttpServer {

    private final String host;
    private final HttpServer server;
    private final ExecutorService threads;

    private LoopbackHttpServer(String host, HttpServer server, ExecutorService threads) {
        this.host = host;
        this.server = server;
        this.threads = threads;
    }

    /**
     * Serves {@code handler} on {@code host:port} (0 picks a free port) from now on.
     *
     * @param name what serves there, for the error when the address is taken
     */
    public static LoopbackHttpServer start(String name, String host, int port, HttpHandler handler) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(name + " did not start on " + host + ":" + port, e);
        }
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            if (LoopbackHosts.allowed(exchange.getRequestHeaders().getFirst("Host"),
                    exchange.getLocalAddress().getPort())) {
                handler.handle(exchange);
            } else {
                refuse(exchange);
            }
        });
        server.start();
        return new LoopbackHttpServer(host, server, threads);
    }

    /** A problem document: the request is not addressed to this server on loopback. */
    private static void refuse(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().close();
            byte[] body = ("{\"type\":\"urn:persona:problem:bad-request\",\"title\":\"Bad Request\",\"status\":400,"
                    + "\"detail\":\"" + LoopbackHosts.REFUSAL + "\",\"code\":\"BAD_REQUEST\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port}. */
    public URI endpoint() {
        return URI.create("http://" + host + ":" + port());
    }

    /** Stops accepting requests and ends the exchanges in flight. */
    public void stop() {
        server.stop(0);
        threads.shutdownNow();
    }
}
