package dev.persona.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.persona.local.runtime.Endpoints;
import dev.persona.local.runtime.PersonaLocalRuntime;
import dev.persona.local.servers.LoopbackHosts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every endpoint of the stack listens on loopback only, and answers only requests addressed to it there: a request
 * with any other {@code Host} (a page on another site reaching a local port through DNS rebinding) is refused.
 */
class LoopbackOnlyIT {

    private static Map<String, URI> endpoints;

    @BeforeAll
    static void start() {
        PersonaLocalRuntime stack = SharedStack.get();
        Endpoints all = stack.endpoints();
        endpoints = new LinkedHashMap<>();
        endpoints.put("API", all.api());
        endpoints.put("S3", all.s3());
        endpoints.put("DynamoDB", all.dynamoDb());
        endpoints.put("Step Functions", all.stepFunctions());
        endpoints.put("identity issuer", all.issuer());
        endpoints.put("STS", all.sts());
        endpoints.put("Lambda", all.lambda());
    }

    @Test
    void everyEndpointIsBoundToLoopbackOnly() throws Exception {
        Optional<InetAddress> external = nonLoopbackAddress();
        for (Map.Entry<String, URI> endpoint : endpoints.entrySet()) {
            assertThat(endpoint.getValue().getHost()).as(endpoint.getKey()).isEqualTo("127.0.0.1");
            if (external.isPresent()) {
                assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(external.get(), endpoint.getValue().getPort()), 2000);
                    }
                }).as("%s on %s", endpoint.getKey(), external.get()).isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void aRequestForAnotherHostIsRefusedBeforeAnythingElse() throws Exception {
        for (Map.Entry<String, URI> endpoint : endpoints.entrySet()) {
            int port = endpoint.getValue().getPort();
            for (String host : new String[] {"rebound.example:" + port, "127.0.0.1.rebound.example:" + port,
                    "localhost:" + (port + 1)}) {
                assertThat(response(port, host)).as("%s for Host %s", endpoint.getKey(), host)
                        .startsWith("HTTP/1.1 400").contains(LoopbackHosts.REFUSAL);
            }
            assertThat(response(port, "localhost:" + port)).as(endpoint.getKey()).doesNotContain(LoopbackHosts.REFUSAL);
        }
    }

    /** The whole response to a plain GET / with this {@code Host}, sent as bytes (HTTP clients pick the Host). */
    private static String response(int port, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface network : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress address : java.util.Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
