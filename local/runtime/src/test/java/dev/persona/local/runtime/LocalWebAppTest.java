package dev.persona.local.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LocalWebAppTest {

    /** The API's chosen port lies where the stack's own port-0 servers can never be given it. */
    @Test
    void theChosenApiPortIsFreeAndBelowTheEphemeralRange() throws IOException {
        StackPorts.PortRange ephemeral = StackPorts.ephemeralRange();
        assumeTrue(ephemeral.first() - LocalWebApp.FIRST_CHOSEN_PORT >= 64, "no room below the ephemeral range");

        for (int i = 0; i < 20; i++) {
            int port = LocalWebApp.freePort();
            assertThat(port).isBetween(LocalWebApp.FIRST_CHOSEN_PORT, ephemeral.first() - 1);
            assertThat(ephemeral.contains(port)).isFalse();
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
