package dev.persona.local.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/**
 * Reading and answering one exchange of the issuer: size-limited form bodies, strict form decoding, JSON,
 * problem details and pages.
 */
final class IssuerExchange {

    static final String FORM = "application/x-www-form-urlencoded";
    static final String PROBLEM_JSON = "application/problem+json";
    /** The largest form the issuer reads: a sign-in or token request is a few hundred bytes. */
    static final int MAX_FORM_BYTES = 16 * 1024;
    /** How much of a refused body is read and dropped before answering; a larger one is cut off. */
    static final long MAX_DISCARDED_BYTES = 8L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private IssuerExchange() {
    }

    /**
     * The fields of a form-encoded body.
     *
     * @throws OAuthError 413 when the body is larger than {@link #MAX_FORM_BYTES} (decided from
     *                    {@code Content-Length} when it is given, before reading), 415 when it is not a form,
     *                    400 when it is not well-formed
     */
    static Map<String, String> form(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String declaredLength = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declaredLength != null && isLarger(declaredLength)) {
            discard(exchange);
            throw tooLarge();
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
            throw new OAuthError(415, "invalid_request", "the body must be " + FORM);
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_FORM_BYTES + 1);
        }
        if (body.length > MAX_FORM_BYTES) {
            discard(exchange);
            throw tooLarge();
        }
        return decode(new String(body, StandardCharsets.UTF_8));
    }

    private static boolean isLarger(String declaredLength) {
        try {
            return Long.parseLong(declaredLength.trim()) > MAX_FORM_BYTES;
        } catch (NumberFormatException e) {
            throw OAuthError.invalidRequest("Content-Length is not a number");
        }
    }

    /**
     * Reads and drops what is left of a refused body, up to {@link #MAX_DISCARDED_BYTES}, so the client, still
     * sending, reads the 413 instead of a reset connection. Nothing of it is kept.
     */
    private static void discard(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            long left = MAX_DISCARDED_BYTES;
            byte[] buffer = new byte[64 * 1024];
            int read;
            while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                left -= read;
            }
        }
    }

    private static OAuthError tooLarge() {
        return new OAuthError(413, "invalid_request", "the form is larger than " + MAX_FORM_BYTES + " bytes");
    }

    /**
     * Form-encoded pairs (also a query string). A parameter given twice is an error (RFC 6749 §3.1), and so is a
     * malformed percent-encoding.
     */
    static Map<String, String> decode(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decodeComponent(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decodeComponent(pair.substring(equals + 1));
            if (fields.putIfAbsent(name, value) != null) {
                throw OAuthError.invalidRequest("parameter " + name + " is given more than once");
            }
        }
        return fields;
    }

    private static String decodeComponent(String component) {
        try {
            return URLDecoder.decode(component, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthError.invalidRequest("the form encoding is malformed: " + e.getMessage());
        }
    }

    static String encode(Map<String, String> fields) {
        StringBuilder encoded = new StringBuilder();
        fields.forEach((name, value) -> {
            if (!encoded.isEmpty()) {
                encoded.append('&');
            }
            encoded.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return encoded.toString();
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", bytes(body));
    }

    /** The error as problem details with the OAuth members; never cached. */
    static void problem(HttpExchange exchange, OAuthError error) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", error.problemType());
        body.put("title", error.title());
        body.put("status", error.status());
        body.put("detail", error.description());
        body.put("error", error.error());
        body.put("error_description", error.description());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, error.status(), PROBLEM_JSON, bytes(body));
    }

    static void html(HttpExchange exchange, int status, String page) throws IOException {
        send(exchange, status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
    }

    /** Whether the client prefers a page to a document: a browser navigating. */
    static boolean wantsHtml(HttpExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static byte[] bytes(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
