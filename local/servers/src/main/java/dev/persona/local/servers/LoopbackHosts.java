package dev.persona.local.servers;

import java.util.Locale;

/**
 * The {@code Host} values a local endpoint answers: itself on loopback ({@code 127.0.0.1}, {@code localhost} or
 * {@code [::1]}, with its port). A page on another site can make a browser send requests to a loopback port under
 * its own host name (DNS rebinding); refusing every other {@code Host} keeps such pages from reading the answers.
 */
public final class LoopbackHosts {

    /** What a refused request is told. */
    public static final String REFUSAL = "This endpoint answers only requests addressed to it on loopback "
            + "(Host 127.0.0.1, localhost or [::1] with its port).";

    private LoopbackHosts() {
    }

    /** Whether {@code host} (a {@code Host} header, or null) names a loopback endpoint on {@code port}. */
    public static boolean allowed(String host, int port) {
        if (host == null) {
            return false;
        }
        String value = host.trim().toLowerCase(Locale.ROOT);
        for (String name : new String[] {"127.0.0.1", "localhost", "[::1]"}) {
            if (value.equals(name + ":" + port) || (port == 80 && value.equals(name))) {
                return true;
            }
        }
        return false;
    }
}
