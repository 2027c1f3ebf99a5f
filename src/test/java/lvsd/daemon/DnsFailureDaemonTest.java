package lvsd.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lvsd.config.NameResolver;
import lvsd.inet.Family;
import lvsd.testing.HostsOnlyResolver;
import org.junit.jupiter.api.Test;

/** A DNS failure at start exits 1 (retryable), at a reload keeps the running config. */
class DnsFailureDaemonTest {

    private static final Path FILE = Path.of("/etc/lvsd/l.cf");
    private static final String CF = "virtual=192.168.10.1:80\n    checktype=on\n    real=web1.example:80 gate 1\n";

    private boolean dnsUp;
    private final List<String> logged = new ArrayList<>();
    private final MemoryKernel kernel = new MemoryKernel();

    private final NameResolver resolver = new HostsOnlyResolver() {
        @Override
        public Optional<InetAddress> host(String name, Family family) {
            if (!dnsUp) {
                throw new Unavailable("temporary failure in name resolution");
            }
            return HostsOnlyResolver.at(name, 2);
        }
    };

    private final LoopClock clock = new LoopClock(0);

    private DaemonLoop<LvsdConfig> loop(String[] content) {
        LvsdBackend backend = new LvsdBackend(kernel, LvsdBackend.HealthSource.assumeUp(), resolver,
                clock, (argv, d) -> {});
        return new DaemonLoop<>(FILE, backend, f -> content[0].getBytes(StandardCharsets.UTF_8), clock,
                Timing.defaults(), DaemonLog.into(line -> logged.add(line)), Lifecycle.NONE);
    }

    @Test
    void aDnsFailureAtStartIsAStartFailureNotAConfigError() {
        // DaemonMain turns StartException into exit status 1 and a config error list into 2; the unit's
        // RestartPreventExitStatus=2 must not keep the director down after a DNS blip at boot
        assertThatThrownBy(() -> loop(new String[] {CF}).start())
                .isInstanceOf(DaemonLoop.StartException.class)
                .hasMessageContaining("/etc/lvsd/l.cf:3: cannot resolve host name \"web1.example\"")
                .hasMessageContaining("temporary failure");
        assertThat(kernel.save()).isEmpty();
    }

    @Test
    void aNameThatDoesNotExistIsStillAConfigError() {
        NameResolver nx = new HostsOnlyResolver() {
            @Override
            public Optional<InetAddress> host(String name, Family family) {
                return Optional.empty();
            }
        };
        LvsdBackend backend = new LvsdBackend(kernel, LvsdBackend.HealthSource.assumeUp(), nx, new LoopClock(0),
                (argv, d) -> {});
        DaemonLoop<LvsdConfig> l = new DaemonLoop<>(FILE, backend, f -> CF.getBytes(StandardCharsets.UTF_8),
                new LoopClock(0), Timing.defaults(), DaemonLog.NONE, Lifecycle.NONE);
        assertThat(l.start()).singleElement().asString().startsWith("/etc/lvsd/l.cf:3: cannot resolve host name");
    }

    @Test
    void aDnsFailureAtAReloadKeepsTheRunningConfig() {
        dnsUp = true;
        String[] content = {CF};
        DaemonLoop<LvsdConfig> l = loop(content);
        assertThat(l.start()).isEmpty();
        String before = kernel.save();
        assertThat(before).contains("-r 10.0.0.2:80");
        dnsUp = false;
        content[0] = CF + "    real=10.0.0.3:80 gate 1\n";
        l.handle(new Event.Reload("SIGHUP"));
        clock.advance(l, Timing.defaults().settle());
        assertThat(kernel.save()).isEqualTo(before);
        assertThat(l.state().generation()).isEqualTo(1);
        assertThat(String.join("\n", logged)).contains("names could not be resolved now")
                .contains("keeping config generation 1");
        dnsUp = true;
        l.handle(new Event.Reload("SIGHUP"));
        clock.advance(l, Timing.defaults().settle());
        assertThat(kernel.save()).contains("-r 10.0.0.3:80");
    }
}
