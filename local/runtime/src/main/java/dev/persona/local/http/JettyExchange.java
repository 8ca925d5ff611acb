package dev.persona.local.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One Jetty request seen through the JDK's {@code HttpExchange}, the API the local endpoints are written against:
 * the body is read only when the handler reads it, the response headers go out with
 * {@link #sendResponseHeaders}, and closing the exchange completes the response.
 */
final class JettyExchange extends HttpExchange {

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final URI target;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private final Map<String, Object> attributes = new HashMap<>();
    private InputStream body;
    private OutputStream out;
    private int status = -1;
    private boolean closed;

    JettyExchange(Request request, Response response, Callback callback, URI target) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.target = target;
        for (HttpField field : request.getHeaders()) {
            requestHeaders.add(field.getName(), field.getValue());
        }
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return target;
    }

    @Override
    public String getRequestMethod() {
        return request.getMethod();
    }

    @Override
    public HttpContext getHttpContext() {
        throw new IllegalStateException("the local endpoints serve one context and do not ask for it");
    }

    @Override
    public InputStream getRequestBody() {
        if (body == null) {
            body = Content.Source.asInputStream(request);
        }
        return body;
    }

    @Override
    public OutputStream getResponseBody() {
        if (out == null) {
            out = Content.Sink.asOutputStream(response);
        }
        return out;
    }

    /**
     * As the JDK's server: {@code length} 0 streams a body of unknown length, -1 sends none, anything else is the
     * body's exact length.
     */
    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        if (status >= 0) {
            throw new IOException("headers already sent");
        }
        status = code;
        response.setStatus(code);
        responseHeaders.forEach((name, values) -> values.forEach(value -> response.getHeaders().add(name, value)));
        if (length > 0) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        } else if (length < 0) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
        }
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return address(request.getConnectionMetaData().getRemoteSocketAddress());
    }

    @Override
    public int getResponseCode() {
        return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return address(request.getConnectionMetaData().getLocalSocketAddress());
    }

    @Override
    public String getProtocol() {
        return request.getConnectionMetaData().getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void setStreams(InputStream input, OutputStream output) {
        if (input != null) {
            body = input;
        }
        if (output != null) {
            out = output;
        }
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }

    /** Completes the response: an empty one when the handler sent nothing, a 500 when it sent no headers. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (status < 0) {
                LoopbackHttpServer.writeProblem(response, callback, 500, "The endpoint did not answer.");
                return;
            }
            getResponseBody().close();
            callback.succeeded();
        } catch (IOException | RuntimeException e) {
            callback.failed(e);
        }
    }

    private static InetSocketAddress address(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet : new InetSocketAddress(0);
    }
}
