package dev.persona.local.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the gateway received it, before any Lambda sees it.
 *
 * @param requestId  the gateway's id for it, in every event and every gateway response
 * @param received   when it arrived
 * @param method     the HTTP method
 * @param path       the path as sent (percent-encoded), without the query
 * @param rawQuery   the query as sent, or null
 * @param headers    header values by name, in arrival order
 * @param body       the body bytes (empty when there is none)
 * @param sourceIp   the client's address
 * @param protocol   for example {@code HTTP/1.1}
 */
record IncomingRequest(String requestId, Instant received, String method, String path, String rawQuery,
                       Map<String, List<String>> headers, byte[] body, String sourceIp, String protocol) {

    /** The last value of a header, by case-insensitive name. */
    Optional<String> header(String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return Optional.of(header.getValue().getLast());
            }
        }
        return Optional.empty();
    }

    /** Query parameters, decoded, every value of each name in order; empty without a query. */
    Map<String, List<String>> queryParameters() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
