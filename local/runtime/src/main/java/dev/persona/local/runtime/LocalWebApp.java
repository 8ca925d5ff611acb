package dev.persona.local.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.persona.contracts.FunctionSettings;
import dev.persona.contracts.WebApp;
import dev.persona.contracts.WebSecurityHeaders;
import dev.persona.local.identity.AppClient;
import dev.persona.local.web.LocalWebSite;
import dev.persona.local.web.WebAppConfig;

/**
 * The web app's place in the local runtime, as the stage configuration and the edge stack give it in the cloud:
 * the origins it is served from (the API's port, as CloudFront serves the app and {@code /v1} together, and the
 * Vite development server), the issuer's app client with their callback and sign-out URLs, and the site with its
 * {@code config.json} and content security policy.
 *
 * @param apiPort the API's port, where the app is served at {@code /}
 */
record LocalWebApp(int apiPort) {

    /** {@code npm run dev} in {@code web/}: the Vite server, which sends {@code /v1} to the runtime. */
    static final String DEVELOPMENT_SERVER_ORIGIN = "http://localhost:5173";

    /** Where a chosen API port starts: above the well-known and most registered services' ports. */
    static final int FIRST_CHOSEN_PORT = 10_000;
    private static final int ATTEMPTS = 64;

    /**
     * A free loopback port for the API, chosen before anything starts, since every allowed origin names it. It is
     * taken below the kernel's ephemeral range when there is room: the stack's other servers bind port 0, which the
     * kernel serves from that range, so none of them can take the API's port between this choice and its bind.
     */
    static int freePort() {
        StackPorts.PortRange ephemeral = StackPorts.ephemeralRange();
        if (ephemeral.first() - FIRST_CHOSEN_PORT >= ATTEMPTS) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int candidate = ThreadLocalRandom.current().nextInt(FIRST_CHOSEN_PORT, ephemeral.first());
                if (bindable(candidate)) {
                    return candidate;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    @SuppressWarnings("try") // the socket is only bound and closed
    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The URL {@code up} prints and the app's API base URL: the app and {@code /v1} on one origin. */
    String url() {
        return "http://127.0.0.1:" + apiPort;
    }

    /** The browser origins allowed by CORS on the API, the bucket and the issuer: the stage's allowedOrigins. */
    List<String> origins() {
        return List.of(DEVELOPMENT_SERVER_ORIGIN, url(), "http://localhost:" + apiPort);
    }

    /** The web client of the development issuer: the identity stack's web client, with local URLs. */
    AppClient appClient(String clientId) {
        return AppClient.webApp(clientId, origins(), WebApp.SIGN_IN_CALLBACK_PATH, WebApp.SIGNED_OUT_PATH);
    }

    /** The site with the configuration the edge stack would write for these endpoints. */
    LocalWebSite site(String region, String issuerUrl, String clientId, String s3Endpoint) {
        return LocalWebSite.fromClasspath(
                WebAppConfig.of(url(), region, issuerUrl, clientId, FunctionSettings.DEFAULT_MAX_UPLOAD_BYTES),
                WebSecurityHeaders.contentSecurityPolicy(List.of(url(), issuerUrl, s3Endpoint)));
    }
}
