package dev.persona.local.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One HTTP endpoint on loopback for the local stand-ins of this module that speak small request/response APIs
 * (Secrets Manager, CloudFront's API, the download distribution): Jetty on the given host and port (0 picks one),
 * requests on virtual threads, and only requests addressed to it on loopback answered ({@link LoopbackHosts}).
 */
final class LoopbackEndpoint {

    /** The largest request body read: these APIs take kilobytes. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final Server server;
    private final ServerConnector connector;
    private final String host;

    private LoopbackEndpoint(Server server, ServerConnector connector, String host) {
        this.server = server;
        this.connector = connector;
        this.host = host;
    }

    /** A request as it arrived; header names are matched case-insensitively. */
    record HttpRequest(String method, String path, String rawQuery, Function<String, List<String>> headers,
            byte[] body, int localPort) {

        String header(String name) {
            List<String> values = headers.apply(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** A response: a status, headers and a body (streamed, with its length when known, else -1). */
    record HttpResponse(int status, Map<String, String> headers, InputStream body, long length) {

        static HttpResponse of(int status, String contentType, byte[] body) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            return new HttpResponse(status, headers, new java.io.ByteArrayInputStream(body), body.length);
        }

        HttpResponse withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new HttpResponse(status, more, body, length);
        }
    }

    static LoopbackEndpoint start(String name, String host, int port, Function<HttpRequest, HttpResponse> handler) {
        JettyMemoryLayout.configure();
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName(name);
        threads.setVirtualThreadsExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                HttpResponse answer;
                if (!LoopbackHosts.allowed(request.getHeaders().get("Host"), Request.getLocalPort(request))) {
                    answer = HttpResponse.of(400, "text/plain", LoopbackHosts.REFUSAL.getBytes(
                            java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    byte[] body;
                    try (InputStream in = Content.Source.asInputStream(request)) {
                        body = in.readNBytes(MAX_BODY_BYTES + 1);
                    }
                    if (body.length > MAX_BODY_BYTES) {
                        answer = HttpResponse.of(413, "text/plain", "request too large".getBytes(
                                java.nio.charset.StandardCharsets.UTF_8));
                    } else {
                        answer = handler.apply(new HttpRequest(request.getMethod(), request.getHttpURI().getPath(),
                                request.getHttpURI().getQuery(), value -> request.getHeaders().getValuesList(value), body,
                                Request.getLocalPort(request)));
                    }
                }
                write(request, response, callback, answer);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // It did not start: nothing to release.
            }
            throw new IllegalStateException(name + " did not start on " + host + ":" + port, e);
        }
        return new LoopbackEndpoint(server, connector, host);
    }

    private static void write(Request request, Response response, Callback callback, HttpResponse answer)
            throws IOException {
        response.setStatus(answer.status());
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        if (answer.length() >= 0) {
            response.getHeaders().put("Content-Length", answer.length());
        }
        if (request.getMethod().equals("HEAD") || answer.body() == null) {
            response.write(true, ByteBuffer.allocate(0), callback);
            return;
        }
        try (InputStream body = answer.body();
             OutputStream out = Content.Sink.asOutputStream(response)) {
            body.transferTo(out);
            callback.succeeded();
        } catch (IOException | RuntimeException e) {
            callback.failed(e);
        }
    }

    int port() {
        return connector.getLocalPort();
    }

    URI endpoint() {
        return URI.create("http://" + host + ":" + port());
    }

    void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the server on " + endpoint() + " did not stop cleanly", e);
        }
    }
}
