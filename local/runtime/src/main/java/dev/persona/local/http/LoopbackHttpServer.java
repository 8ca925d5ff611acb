package dev.persona.local.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The JDK's HTTP server on one address, each exchange on a virtual thread of its own: what the local runtime's
 * HTTP endpoints (the API gateway, the identity issuer, STS) serve with.
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
        server.createContext("/", handler);
        server.start();
        return new LoopbackHttpServer(host, server, threads);
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
