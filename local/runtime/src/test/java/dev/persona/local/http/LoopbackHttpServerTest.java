package dev.persona.local.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the HTTP layer refuses is answered as the endpoints answer everything: a problem document with the status
 * HTTP prescribes, never an HTML page naming a Java exception, and never a dropped connection; a body is read only
 * when the handler asks for it, so an over-long announced body is refused before the client sends it.
 */
class LoopbackHttpServerTest {

    private static final AtomicLong bytesRead = new AtomicLong();
    private static LoopbackHttpServer server;

    @BeforeAll
    static void start() {
        server = LoopbackHttpServer.start("test", "127.0.0.1", 0, exchange -> {
            String announced = exchange.getRequestHeaders().getFirst("Content-Length");
            if (announced != null && Long.parseLong(announced) > 1024) {
                exchange.sendResponseHeaders(413, -1);
                return;
            }
            try (InputStream in = exchange.getRequestBody()) {
                bytesRead.addAndGet(in.readAllBytes().length);
            }
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        });
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String host() {
        return "Host: 127.0.0.1:" + server.port() + "\r\n";
    }

    private static void assertProblem(String response, int status) {
        assertThat(response).startsWith("HTTP/1.1 " + status + " ")
                .containsIgnoringCase("Content-Type: application/problem+json")
                .contains("\"status\":" + status)
                .doesNotContainIgnoringCase("<html").doesNotContain("Exception");
    }

    @Test
    void aBackslashInThePathIsABadRequestProblem() throws IOException {
        assertProblem(exchange("GET /v1/jobs\\..\\x HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n"), 400);
    }

    @Test
    void anOversizedHeaderSectionIsRequestHeaderFieldsTooLarge() throws IOException {
        String huge = "X-Filler: " + "a".repeat(LoopbackHttpServer.MAX_HEADER_BYTES) + "\r\n";
        assertProblem(exchange("GET / HTTP/1.1\r\n" + host() + huge + "Connection: close\r\n\r\n"), 431);
    }

    @Test
    void anEncodingTheServerCannotReadIsRefusedAsAProblem() throws IOException {
        String response = exchange("POST / HTTP/1.1\r\n" + host() + "Transfer-Encoding: gzip, chunked\r\n"
                + "Content-Length: 5\r\nConnection: close\r\n\r\n0\r\n\r\n");
        assertThat(response).matches("(?s)HTTP/1.1 (400|501) .*");
        assertThat(response).containsIgnoringCase("application/problem+json").doesNotContainIgnoringCase("<html");
    }

    @Test
    void anOverlongAnnouncedBodyIsRefusedBeforeTheClientSendsIt() throws IOException {
        long before = bytesRead.get();
        String response = exchange("POST / HTTP/1.1\r\n" + host() + "Content-Length: 52428800\r\n"
                + "Expect: 100-continue\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 413 ").doesNotContain("100 Continue");
        assertThat(bytesRead.get()).isEqualTo(before);
    }

    @Test
    void aWellFormedRequestIsServed() throws IOException {
        assertThat(exchange("POST / HTTP/1.1\r\n" + host() + "Content-Length: 3\r\nConnection: close\r\n\r\nabc"))
                .startsWith("HTTP/1.1 200 ").endsWith("ok");
    }
}
