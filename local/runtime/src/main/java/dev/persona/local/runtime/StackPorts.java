package dev.persona.local.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The loopback ports of a stack with a fixed API port: the API on it, then S3, DynamoDB, Step Functions, the
 * identity issuer, STS, Lambda, Secrets Manager, CloudFront's key API and the download distribution on the next nine. Checked together before anything starts, so a taken port stops
 * the start before any server runs.
 *
 * <p><b>Address reuse.</b> Every server of the stack binds its listening socket with {@code SO_REUSEADDR}: Jetty's
 * {@code ServerConnector} sets it by default (the gateway, the issuer, STS, Lambda, DynamoDB, and S3Proxy's own
 * Jetty; Secrets Manager, CloudFront's key API and the download distribution are Jetty too), and so does the JDK for the server sockets and channels it opens on Linux and macOS (Step Functions' JDK
 * {@code HttpServer}); on Windows the JDK emulates the option instead, since there it would let another
 * process take a port in use. None uses {@code SO_REUSEPORT}, which would let a second stack share the ports
 * unnoticed. The check binds exactly so, so it refuses exactly what the servers would refuse.
 *
 * <p>What address reuse does not cover, on Linux: the kernel lets a listener bind a port that a TIME-WAIT
 * connection still holds only when <em>both</em> sockets set {@code SO_REUSEADDR} (a bind conflict is skipped
 * only if the new socket and the bound one both have {@code sk_reuse} and the bound one is not listening). A
 * server's own accepted connections inherit the option from its listener, so a restarted server rebinds its port
 * at once; but a client socket (an SDK client, curl, a browser) does not set it, and when the kernel gave it a
 * port of the stack as its ephemeral local port, that port stays taken for the TIME-WAIT period (60 s on Linux).
 * Hence the warning for ports in the kernel's ephemeral range ({@link #ephemeralRange()}), where that happens.
 * (BSD and macOS, as documented there, need the option on the new socket only; not tested here.)
 */
public final class StackPorts {

    /** One endpoint of the stack and its port. */
    public record Endpoint(String name, int port) {
    }

    /** Ports {@code first} to {@code last}, both included. */
    public record PortRange(int first, int last) {

        public boolean contains(int port) {
            return port >= first && port <= last;
        }

        @Override
        public String toString() {
            return first + "-" + last;
        }
    }

    /** A port of the stack that cannot be bound, and what holds it when the kernel says so. */
    public record TakenPort(Endpoint endpoint, String holder) {

        @Override
        public String toString() {
            return "port " + endpoint.port() + " (" + endpoint.name() + ") is taken" + (holder.isEmpty() ? ""
                    : ": " + holder);
        }
    }

    /** The endpoints in the order of their ports: the API's port, then the next nine. */
    public static final List<String> ENDPOINT_NAMES = List.of("API", "S3", "DynamoDB", "Step Functions",
            "identity issuer", "STS", "Lambda", "Secrets Manager", "CloudFront", "downloads");
    static final int S3 = 1;
    static final int DYNAMODB = 2;
    static final int STEP_FUNCTIONS = 3;
    static final int ISSUER = 4;
    static final int STS = 5;
    static final int LAMBDA = 6;
    static final int SECRETS_MANAGER = 7;
    static final int CLOUDFRONT = 8;
    static final int DOWNLOADS = 9;
    /** The highest API port: the last endpoint is nine ports above it. */
    public static final int MAX_API_PORT = 65535 - (ENDPOINT_NAMES.size() - 1);

    /** Where Linux says which local ports it hands to outgoing connections. */
    static final Path EPHEMERAL_RANGE_FILE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default ephemeral range, assumed when the file cannot be read. */
    static final PortRange LINUX_DEFAULT_EPHEMERAL_RANGE = new PortRange(32768, 60999);
    /** The kernel's socket tables, for who holds a taken port (IPv4 and IPv6). */
    private static final List<Path> SOCKET_TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private final List<Endpoint> endpoints;

    private StackPorts(List<Endpoint> endpoints) {
        this.endpoints = endpoints;
    }

    /** The ports of a stack whose API listens on {@code apiPort}. */
    public static StackPorts forApiPort(int apiPort) {
        if (apiPort < 1 || apiPort > MAX_API_PORT) {
            throw new IllegalArgumentException("the API port must be between 1 and " + MAX_API_PORT);
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (int offset = 0; offset < ENDPOINT_NAMES.size(); offset++) {
            endpoints.add(new Endpoint(ENDPOINT_NAMES.get(offset), apiPort + offset));
        }
        return new StackPorts(List.copyOf(endpoints));
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** The ports that cannot be bound now as the servers bind them, each with what holds it; empty when all are free. */
    public List<TakenPort> taken() {
        List<TakenPort> taken = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            if (!bindable(endpoint.port())) {
                taken.add(new TakenPort(endpoint, holder(endpoint.port())));
            }
        }
        return taken;
    }

    /** The endpoints whose port the kernel may hand to outgoing connections. */
    public List<Endpoint> inside(PortRange range) {
        return endpoints.stream().filter(endpoint -> range.contains(endpoint.port())).toList();
    }

    /**
     * Binds a listening socket to the loopback port as the servers do (with {@code SO_REUSEADDR}) and closes it.
     * A listener that never accepted leaves nothing behind: the port is free again at once.
     */
    static boolean bindable(int port) {
        try (ServerSocketChannel channel = ServerSocketChannel.open()) {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The kernel's ephemeral port range, or Linux's default when it cannot be read (another system, a sandbox). */
    public static PortRange ephemeralRange() {
        return ephemeralRange(EPHEMERAL_RANGE_FILE).orElse(LINUX_DEFAULT_EPHEMERAL_RANGE);
    }

    /** The range in a file formatted as {@code ip_local_port_range} is (two numbers); empty when unreadable. */
    static Optional<PortRange> ephemeralRange(Path file) {
        try {
            String[] fields = Files.readString(file).trim().split("\\s+");
            if (fields.length != 2) {
                return Optional.empty();
            }
            int first = Integer.parseInt(fields[0]);
            int last = Integer.parseInt(fields[1]);
            return first > 0 && first <= last && last <= 65535 ? Optional.of(new PortRange(first, last))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * What holds {@code port}, from the kernel's socket tables: a listener (another program, or a stack already
     * running), connections in TIME-WAIT, or a connection using it as its local port. Empty when the tables cannot
     * be read (not Linux) or show nothing.
     */
    static String holder(int port) {
        boolean listening = false;
        boolean timeWait = false;
        boolean connected = false;
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (Path table : SOCKET_TABLES) {
            List<String> lines;
            try {
                lines = Files.readAllLines(table);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                // sl local_address rem_address st ...: the local address ends with the port in hex.
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 4 || !fields[1].endsWith(hexPort)) {
                    continue;
                }
                switch (fields[3]) {
                    case "0A" -> listening = true;
                    case "06" -> timeWait = true;
                    default -> connected = true;
                }
            }
        }
        if (listening) {
            return "another program listens on it (a stack still running?)";
        }
        if (timeWait) {
            return "connections that ended there are in TIME-WAIT, which the kernel keeps for up to 60 s";
        }
        if (connected) {
            return "a connection uses it as its local port";
        }
        return "";
    }

    /** A block of ten free ports to suggest, outside the ephemeral range; empty when none of the candidates is free. */
    public static Optional<Integer> suggestApiPort(PortRange ephemeral) {
        for (int candidate = 3000; candidate <= 30000; candidate += candidate < 10000 ? 1000 : 10000) {
            StackPorts ports = forApiPort(candidate);
            if (ports.inside(ephemeral).isEmpty() && ports.taken().isEmpty()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
