package dev.persona.local.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpHandler;
import dev.persona.local.servers.JettyMemoryLayout;
import dev.persona.local.servers.LoopbackHosts;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One HTTP server on one loopback address for the local runtime's own endpoints (the API gateway, the identity
 * issuer, STS, Lambda), each request served on a virtual thread through the JDK's {@code HttpExchange} API.
 *
 * <p>It runs on Jetty rather than the JDK's own server so that every answer is its own: a request the HTTP layer
 * refuses (a malformed request line or path, a header section over {@value #MAX_HEADER_BYTES} bytes, an encoding it
 * cannot read) is a problem document with the status HTTP prescribes (400, 431, 501…), never an HTML page naming a
 * Java exception; and a body is read only when a handler reads it, so a handler can refuse an announced
 * {@code Content-Length} before a client that sent {@code Expect: 100-continue} sends anything. It answers only
 * requests addressed to it on loopback ({@link LoopbackHosts}).
 */
public final class LoopbackHttpServer {

    /** The largest request line and header section accepted; beyond it a request is refused with 431. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    private final String host;
    private final Server server;
    private final ServerConnector connector;

    private LoopbackHttpServer(String host, Server server, ServerConnector connector) {
        this.host = host;
        this.server = server;
        this.connector = connector;
    }

    /**
     * Serves {@code handler} on {@code host:port} (0 picks a free port) from now on.
     *
     * @param name what serves there, for the error when the address is taken
     */
    public static LoopbackHttpServer start(String name, String host, int port, HttpHandler handler) {
        JettyMemoryLayout.configure();
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName(name.replace(' ', '-'));
        threads.setVirtualThreadsExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        HttpConfiguration configuration = new HttpConfiguration();
        configuration.setRequestHeaderSize(MAX_HEADER_BYTES);
        configuration.setSendServerVersion(false);
        configuration.setSendDateHeader(true);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(configuration));
        connector.setHost(host);
        connector.setPort(port);
        // Jetty's defaults, stated: SO_REUSEADDR (a restart rebinds at once over this server's own TIME-WAIT
        // connections), never SO_REUSEPORT (a second server on the port would share it unnoticed). Why that does
        // not cover client connections in TIME-WAIT on Linux: StackPorts.
        connector.setReuseAddress(true);
        connector.setReusePort(false);
        server.addConnector(connector);
        server.setErrorHandler(new ProblemErrorHandler());
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (!LoopbackHosts.allowed(request.getHeaders().get(HttpHeader.HOST), Request.getLocalPort(request))) {
                    writeProblem(response, callback, HttpStatus.BAD_REQUEST_400, LoopbackHosts.REFUSAL);
                    return true;
                }
                URI target;
                try {
                    target = new URI(request.getHttpURI().getPathQuery());
                } catch (java.net.URISyntaxException e) {
                    writeProblem(response, callback, HttpStatus.BAD_REQUEST_400, "The request's path is not a valid URI.");
                    return true;
                }
                try (JettyExchange exchange = new JettyExchange(request, response, callback, target)) {
                    handler.handle(exchange);
                }
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // Failed to start: nothing was serving.
            }
            throw new UncheckedIOException(name + " did not start on " + host + ":" + port,
                    e instanceof IOException io ? io : new IOException(e));
        }
        return new LoopbackHttpServer(host, server, connector);
    }

    /** A problem document ({@code application/problem+json}) with this status and detail, and nothing else. */
    static void writeProblem(Response response, Callback callback, int status, String detail) {
        String reason = HttpStatus.getMessage(status);
        String code = switch (status) {
            case 400 -> "BAD_REQUEST";
            case 413 -> "CONTENT_TOO_LARGE";
            case 431 -> "REQUEST_HEADER_FIELDS_TOO_LARGE";
            case 501 -> "NOT_IMPLEMENTED";
            default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
        byte[] body = ("{\"type\":\"urn:persona:problem:" + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + "\",\"title\":\"" + reason + "\",\"status\":" + status + ",\"detail\":\"" + detail.replace("\"", "'")
                + "\",\"code\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://host:port}. */
    public URI endpoint() {
        return URI.create("http://" + host + ":" + port());
    }

    /** Stops accepting requests and ends the exchanges in flight. */
    public void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the server on " + endpoint() + " did not stop cleanly", e);
        }
    }

    /** What the HTTP layer itself refuses, as a problem document rather than Jetty's HTML page. */
    private static final class ProblemErrorHandler extends ErrorHandler {

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                Callback callback) {
            writeProblem(response, callback, code, switch (code) {
                case 431 -> "The request's header section is larger than " + MAX_HEADER_BYTES + " bytes.";
                case 414 -> "The request's URI is too long.";
                case 501 -> "The request uses an encoding this server does not implement.";
                case 400 -> "The request is not well-formed HTTP.";
                default -> HttpStatus.getMessage(code);
            });
        }
    }
}
