package dev.persona.api.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An STS endpoint on loopback: records each AWS Query request (form-encoded parameters) and answers
 * {@code AssumeRole} with a canned response, so the request the SDK sends can be checked exactly.
 */
public final class FakeStsServer implements AutoCloseable {

    public static final String ACCESS_KEY_ID = "ASIAFAKESTSKEY000001";
    public static final String SECRET_ACCESS_KEY = "fake/secret/access/key/0000000000000000";
    public static final String SESSION_TOKEN = "FwoGZXIvYXdzEFakeSessionToken";
    public static final String EXPIRATION = "2026-11-21T10:15:00Z";

    private final HttpServer server;
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final int packedPolicySize;

    public FakeStsServer(int packedPolicySize) {
        this.packedPolicySize = packedPolicySize;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>();
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : form.split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            parameters.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                    nameAndValue.length > 1 ? URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) : "");
        }
        requests.add(parameters);
        byte[] body = ("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                + "<SourceIdentity>" + parameters.get("SourceIdentity") + "</SourceIdentity>"
                + "<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/uploader/"
                + parameters.get("RoleSessionName") + "</Arn><AssumedRoleId>AROAFAKE:"
                + parameters.get("RoleSessionName") + "</AssumedRoleId></AssumedRoleUser>"
                + "<Credentials><AccessKeyId>" + ACCESS_KEY_ID + "</AccessKeyId><SecretAccessKey>" + SECRET_ACCESS_KEY
                + "</SecretAccessKey><SessionToken>" + SESSION_TOKEN + "</SessionToken><Expiration>" + EXPIRATION
                + "</Expiration></Credentials><PackedPolicySize>" + packedPolicySize + "</PackedPolicySize>"
                + "</AssumeRoleResult><ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>"
                + "</ResponseMetadata></AssumeRoleResponse>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The decoded form parameters of every request received. */
    public List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
