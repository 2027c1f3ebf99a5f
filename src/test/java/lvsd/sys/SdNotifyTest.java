package lvsd.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify against a real AF_UNIX datagram socket bound here, as systemd binds its notify socket. */
class SdNotifyTest {

    @TempDir
    Path dir;

    /** Binds a datagram socket on {@code name} (a path or "@abstract"), returns its fd. */
    private static int receiver(String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        boolean abs = n[0] == '@';
        int fd = LibC.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        LibC.bind(fd, SdNotify.sockaddrUn(n, abs), 2 + n.length + (abs ? 0 : 1));
        return fd;
    }

    private static String receive(int fd) {
        byte[] buf = new byte[4096];
        long n = LibC.recv(fd, buf, buf.length, 0x40 /* MSG_DONTWAIT */);
        return new String(Arrays.copyOf(buf, (int) n), StandardCharsets.UTF_8);
    }

    @Test
    void sendsToAPathSocket() {
        String path = dir.resolve("notify").toString();
        int fd = receiver(path);
        try (SdNotify n = SdNotify.forSocket(path)) {
            assertThat(n.send("READY=1\nSTATUS=running")).isNull();
            assertThat(receive(fd)).isEqualTo("READY=1\nSTATUS=running");
            assertThat(n.send("RELOADING=1")).isNull();
            assertThat(receive(fd)).isEqualTo("RELOADING=1");
        } finally {
            LibC.close(fd);
        }
    }

    @Test
    void sendsToAnAbstractSocket() {
        String name = "@lvsd-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        int fd = receiver(name);
        try (SdNotify n = SdNotify.forSocket(name)) {
            assertThat(n.send("STOPPING=1")).isNull();
            assertThat(receive(fd)).isEqualTo("STOPPING=1");
        } finally {
            LibC.close(fd);
        }
    }

    @Test
    void aMissingSocketIsReportedNotThrown() {
        try (SdNotify n = SdNotify.forSocket(dir.resolve("nobody-listens").toString())) {
            assertThat(n.send("READY=1")).startsWith("sd_notify failed: errno ");
        }
    }

    @Test
    void theWatchdogIntervalComesFromWatchdogUsecForThisPidOnly() {
        assertThat(SdNotify.watchdogInterval(Map.of(), 42)).isEmpty();
        assertThat(SdNotify.watchdogInterval(Map.of("WATCHDOG_USEC", "30000000"), 42))
                .contains(Duration.ofSeconds(30));
        assertThat(SdNotify.watchdogInterval(Map.of("WATCHDOG_USEC", "2500000", "WATCHDOG_PID", "42"), 42))
                .contains(Duration.ofMillis(2500));
        assertThat(SdNotify.watchdogInterval(Map.of("WATCHDOG_USEC", "2500000", "WATCHDOG_PID", "43"), 42))
                .as("meant for another process").isEmpty();
        assertThatThrownBy(() -> SdNotify.watchdogInterval(Map.of("WATCHDOG_USEC", "soon"), 42))
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> SdNotify.watchdogInterval(Map.of("WATCHDOG_USEC", "0"), 42))
                .hasMessageContaining("positive");
    }

    @Test
    void overlongNamesAreRefused() {
        assertThatThrownBy(() -> SdNotify.forSocket("/" + "x".repeat(120)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hangupOfAMissingProcessSaysSo() {
        assertThatThrownBy(() -> Processes.hangup(Integer.MAX_VALUE - 1))
                .isInstanceOf(Processes.SignalException.class).hasMessageContaining("no such process");
        assertThatThrownBy(() -> Processes.hangup(1)).hasMessageContaining("refusing");
    }
}
