package dev.persona.local.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackPortsTest {

    @TempDir
    Path directory;

    @Test
    void theEndpointsFollowTheApiPortInTheOrderUpPrintsThem() {
        assertThat(StackPorts.forApiPort(39400).endpoints()).containsExactly(
                new StackPorts.Endpoint("API", 39400), new StackPorts.Endpoint("S3", 39401),
                new StackPorts.Endpoint("DynamoDB", 39402), new StackPorts.Endpoint("Step Functions", 39403),
                new StackPorts.Endpoint("identity issuer", 39404), new StackPorts.Endpoint("STS", 39405),
                new StackPorts.Endpoint("Lambda", 39406), new StackPorts.Endpoint("Secrets Manager", 39407),
                new StackPorts.Endpoint("CloudFront", 39408), new StackPorts.Endpoint("downloads", 39409));
        assertThatThrownBy(() -> StackPorts.forApiPort(65527)).isInstanceOf(IllegalArgumentException.class);
        assertThat(StackPorts.forApiPort(65526).endpoints().getLast().port()).isEqualTo(65535);
    }

    @Test
    void theEphemeralRangeIsReadAsLinuxWritesIt() throws Exception {
        Path file = Files.writeString(directory.resolve("ip_local_port_range"), "32768\t60999\n");

        assertThat(StackPorts.ephemeralRange(file)).contains(new StackPorts.PortRange(32768, 60999));
        Files.writeString(file, "1024 65535");
        assertThat(StackPorts.ephemeralRange(file)).contains(new StackPorts.PortRange(1024, 65535));
    }

    @Test
    void anUnreadableRangeIsNoneSoLinuxsDefaultApplies() throws Exception {
        assertThat(StackPorts.ephemeralRange(directory.resolve("absent"))).isEmpty();
        assertThat(StackPorts.ephemeralRange(Files.writeString(directory.resolve("garbage"), "many"))).isEmpty();
        assertThat(StackPorts.ephemeralRange(Files.writeString(directory.resolve("reversed"), "60999 32768")))
                .isEmpty();
        assertThat(StackPorts.LINUX_DEFAULT_EPHEMERAL_RANGE).isEqualTo(new StackPorts.PortRange(32768, 60999));
    }

    @Test
    void theEndpointsInsideTheRangeAreThoseItContains() {
        StackPorts.PortRange linux = new StackPorts.PortRange(32768, 60999);

        assertThat(StackPorts.forApiPort(3000).inside(linux)).isEmpty();
        assertThat(StackPorts.forApiPort(32764).inside(linux)).extracting(StackPorts.Endpoint::name)
                .containsExactly("identity issuer", "STS", "Lambda", "Secrets Manager", "CloudFront", "downloads");
        assertThat(StackPorts.forApiPort(39400).inside(linux)).hasSize(10);
        assertThat(linux).hasToString("32768-60999");
    }
}
