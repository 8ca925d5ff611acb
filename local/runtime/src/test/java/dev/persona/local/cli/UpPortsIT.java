package dev.persona.local.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import dev.persona.local.runtime.Endpoints;
import dev.persona.local.runtime.PersonaLocalRuntime;
import dev.persona.local.runtime.StackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code up} on ports it cannot have: it names the port, its endpoint and what holds it, says what to do, exits 1,
 * and leaves nothing behind: no server (every other port of the stack is still free), no endpoints file, no thread.
 * And the ports it checks are exactly those a stack on a fixed API port listens on.
 */
class UpPortsIT {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream console = System.out;

    @Test
    void thePortsTheCheckBindsAreExactlyThoseTheStackListensOnWithAFixedApiPort() throws Exception {
        StackPorts.PortRange ephemeral = StackPorts.ephemeralRange();
        assumeTrue(ephemeral.first() > 20000 + StackPorts.ENDPOINT_NAMES.size(), "no room below the ephemeral range");
        int api = freeBlock(20000, Math.min(ephemeral.first(), 32000) - StackPorts.ENDPOINT_NAMES.size());
        StackPorts ports = StackPorts.forApiPort(api);

        try (PersonaLocalRuntime runtime = PersonaLocalRuntime.builder().apiPort(api)
                .logs(new PrintStream(OutputStream.nullOutputStream())).build().start()) {
            Endpoints endpoints = runtime.endpoints();
            assertThat(Stream.of(endpoints.api(), endpoints.s3(), endpoints.dynamoDb(), endpoints.stepFunctions(),
                            endpoints.issuer(), endpoints.sts(), endpoints.lambda(), endpoints.secretsManager(),
                            endpoints.cloudFront(), endpoints.downloads()).map(URI::getPort).toList())
                    .containsExactlyElementsOf(ports.endpoints().stream().map(StackPorts.Endpoint::port).toList());
            assertThat(ports.taken()).as("every port of the check is held by the running stack")
                    .hasSize(StackPorts.ENDPOINT_NAMES.size());
        }
    }

    @Test
    void aPortHeldByAListeningSocketStopsTheStartBeforeAnythingRuns() throws Exception {
        StackPorts.PortRange ephemeral = StackPorts.ephemeralRange();
        int api = freeBlock(20000, Math.min(ephemeral.first(), 32000) - StackPorts.ENDPOINT_NAMES.size());
        int dynamoDb = api + 2;
        try (ServerSocket held = new ServerSocket()) {
            held.bind(new InetSocketAddress(LOOPBACK, dynamoDb));
            Set<Thread> before = Thread.getAllStackTraces().keySet();

            int status = up(api);

            assertThat(status).isEqualTo(PersonaLocal.FAILED);
            assertThat(errors()).contains(
                    "the stack did not start, and nothing is left running",
                    "port " + dynamoDb + " (DynamoDB) is taken: another program listens on it",
                    "Start it with --port N on ten free ports", "for example --port ")
                    .doesNotContain("warning", "TIME-WAIT");
            assertNothingLeftRunning(api, dynamoDb, before);
        }
    }

    /**
     * A client socket (no {@code SO_REUSEADDR}, as the SDK's, curl's and browsers' sockets are) bound to a port of
     * the stack that closes first leaves that port in TIME-WAIT. On Linux the servers' {@code SO_REUSEADDR} does
     * not let them bind over it (both sockets would need the option), so {@code up} refuses, naming the TIME-WAIT;
     * on BSD and macOS the listener's option alone would do and the stack would start, hence Linux only.
     */
    @Test
    void aPortInTimeWaitInTheEphemeralRangeIsNamedWithWhatHoldsIt() throws Exception {
        assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux"),
                "the TIME-WAIT rule asserted is Linux's");
        StackPorts.PortRange ephemeral = StackPorts.ephemeralRange();
        int api = freeBlock(ephemeral.first(), ephemeral.last() - (StackPorts.ENDPOINT_NAMES.size() - 1));
        int issuer = api + 4;
        leaveInTimeWait(issuer);
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        int status = up(api);

        assertThat(status).isEqualTo(PersonaLocal.FAILED);
        assertThat(errors()).contains(
                "warning: ports " + api + " (API), " + (api + 1) + " (S3)",
                "lie in the kernel's ephemeral port range (" + ephemeral + ")",
                "port " + issuer + " (identity issuer) is taken: connections that ended there are in TIME-WAIT",
                "Start it with --port N on ten free ports", "once TIME-WAIT has ended");
        assertNothingLeftRunning(api, issuer, before);
    }

    private int up(int apiPort) {
        return new UpCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), endpointsFile())
                .execute(List.of("--port", String.valueOf(apiPort)));
    }

    private Path endpointsFile() {
        return directory.resolve("endpoints.json");
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /**
     * No endpoints file, no metrics log, standard output as it was, no server on any other port of the stack, no
     * thread the attempt started.
     */
    private void assertNothingLeftRunning(int api, int taken, Set<Thread> threadsBefore) throws IOException {
        assertThat(endpointsFile()).doesNotExist();
        assertThat(System.out).isSameAs(console);
        try (Stream<Path> logs = Files.walk(directory)) {
            assertThat(logs.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("persona-local is up");
        for (int port = api; port < api + StackPorts.ENDPOINT_NAMES.size(); port++) {
            if (port != taken) {
                try (ServerSocket free = new ServerSocket()) {
                    free.bind(new InetSocketAddress(LOOPBACK, port));
                }
            }
        }
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !threadsBefore.contains(thread))
                .map(Thread::getName)).isEmpty();
    }

    /**
     * Connects from {@code port} to a listener here and closes the client's side first: the side that closes first
     * keeps the connection in TIME-WAIT.
     */
    private static void leaveInTimeWait(int port) throws IOException {
        try (ServerSocket peer = new ServerSocket(0, 1, LOOPBACK)) {
            Socket client = new Socket();
            client.bind(new InetSocketAddress(LOOPBACK, port));
            client.connect(peer.getLocalSocketAddress());
            try (Socket accepted = peer.accept()) {
                client.close();
                assertThat(accepted.getInputStream().read()).isEqualTo(-1);
            }
        }
    }

    /** An API port in [from, to] with itself and the next nine ports free. */
    private static int freeBlock(int from, int to) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int api = ThreadLocalRandom.current().nextInt(from, to + 1);
            if (StackPorts.forApiPort(api).taken().isEmpty()) {
                return api;
            }
        }
        throw new IOException("no ten free ports in " + from + "-" + to);
    }
}
