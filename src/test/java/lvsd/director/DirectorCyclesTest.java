package lvsd.director;

import static lvsd.inet.Forwarding.ROUTE;
import static lvsd.director.Fixtures.config;
import static lvsd.director.Fixtures.kdest;
import static lvsd.director.Fixtures.kservice;
import static lvsd.director.Fixtures.ksvc;
import static lvsd.director.Fixtures.table;
import static lvsd.director.Fixtures.tcp;
import static lvsd.director.Fixtures.tcpKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lvsd.config.Config;
import lvsd.inet.Forwarding;
import lvsd.ipvs.IpvsOp;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.ServiceKey;
import lvsd.ipvsadm.IpvsadmSyntax;
import org.junit.jupiter.api.Test;

/** Behaviour over several cycles: drain, fallbackcommand, transition logging, reload, stop and restart. */
class DirectorCyclesTest {

    static final String VIP = "10.0.0.1:80";
    static final ServiceKey KEY = tcpKey(VIP);
    /** A monotonic clock reading (nanoseconds); only differences mean anything. */
    static final long T0 = 123_000_000_000L;

    static long at(long seconds) {
        return T0 + seconds * 1_000_000_000L;
    }

    /** A tiny harness: holds the state and the kernel table, applies each cycle's ops to the table model. */
    static final class Run {
        final Director director = new Director();
        final Map<String, RealHealth> health = new HashMap<>();
        DirectorState state = DirectorState.INITIAL;
        IpvsTable kernel;
        Config config;
        MaintenanceSet maintenance = MaintenanceSet.EMPTY;
        CycleResult last;

        Run(Config config, IpvsTable kernel) {
            this.config = config;
            this.kernel = kernel;
        }

        CycleResult cycle(long now) {
            HealthView view = (v, r) -> health.getOrDefault(r.endpoint(), RealHealth.PENDING);
            last = director.cycle(state, config, view, maintenance, kernel, now);
            kernel = TableModel.apply(kernel, last.ops());
            state = last.state();
            return last;
        }

        List<String> ops() {
            return last.ops().stream().map(IpvsadmSyntax::op).toList();
        }

        void up(String... reals) {
            for (String r : reals) {
                health.put(r, RealHealth.Up.of("check passed"));
            }
        }

        void down(String... reals) {
            for (String r : reals) {
                health.put(r, new RealHealth.Down("connect refused"));
            }
        }
    }

    static Config drainConfig(boolean withSecondReal) {
        Fixtures.V v = tcp(VIP).drain(60).real("10.0.0.2:80", ROUTE, 1);
        if (withSecondReal) {
            v.real("10.0.0.3:80", ROUTE, 1);
        }
        return config(v);
    }

    @Test
    void drainSetsWeightZeroThenDeletesWhenConnectionsReachZero() {
        Run run = new Run(drainConfig(true), table());
        run.up("10.0.0.2:80", "10.0.0.3:80");
        run.cycle(T0);
        run.kernel = TableModel.withConns(run.kernel, KEY, "10.0.0.3:80", 4, 7);
        run.config = drainConfig(false);

        run.cycle(at(1));
        assertThat(run.ops()).containsExactly("-e -t 10.0.0.1:80 -r 10.0.0.3:80 -g -w 0");
        assertThat(run.last.log()).containsExactly(
                "virtual tcp:10.0.0.1:80 real 10.0.0.3:80: up (weight 1) -> draining: not in the configuration");

        run.kernel = TableModel.withConns(run.kernel, KEY, "10.0.0.3:80", 0, 2);
        run.cycle(at(10));
        assertThat(run.ops()).as("still has inactive connections").isEmpty();

        run.kernel = TableModel.withConns(run.kernel, KEY, "10.0.0.3:80", 0, 0);
        run.cycle(at(20));
        assertThat(run.ops()).containsExactly("-d -t 10.0.0.1:80 -r 10.0.0.3:80");
        assertThat(run.state.draining()).isEmpty();
        assertThat(run.last.log()).singleElement().asString().contains("10.0.0.3:80: draining -> removed");
    }

    @Test
    void drainDeletesAtTheDeadlineEvenWithConnectionsLeft() {
        Run run = new Run(drainConfig(true), table());
        run.up("10.0.0.2:80", "10.0.0.3:80");
        run.cycle(T0);
        run.kernel = TableModel.withConns(run.kernel, KEY, "10.0.0.3:80", 4, 7);
        run.config = drainConfig(false);
        run.cycle(at(1));
        assertThat(run.state.draining()).containsEntry(new DestRef(KEY, Fixtures.ip("10.0.0.3"), 80),
                at(61));

        run.cycle(at(60));
        assertThat(run.ops()).isEmpty();
        run.cycle(at(61));
        assertThat(run.ops()).containsExactly("-d -t 10.0.0.1:80 -r 10.0.0.3:80");
        assertThat(run.last.log()).singleElement().asString().contains("drain time up with 11 connections");
    }

    @Test
    void drainDeletesAtOnceWhenThereAreNoConnections() {
        Run run = new Run(drainConfig(true), table());
        run.up("10.0.0.2:80", "10.0.0.3:80");
        run.cycle(T0);
        run.config = drainConfig(false);
        run.cycle(at(1));
        assertThat(run.ops()).containsExactly("-d -t 10.0.0.1:80 -r 10.0.0.3:80");
    }

    @Test
    void drainingRealPutBackIntoTheConfigIsEditedBack() {
        Run run = new Run(drainConfig(true), table());
        run.up("10.0.0.2:80", "10.0.0.3:80");
        run.cycle(T0);
        run.kernel = TableModel.withConns(run.kernel, KEY, "10.0.0.3:80", 1, 0);
        run.config = drainConfig(false);
        run.cycle(at(1));
        run.config = drainConfig(true);
        run.cycle(at(2));
        assertThat(run.ops()).containsExactly("-e -t 10.0.0.1:80 -r 10.0.0.3:80 -g -w 1");
        assertThat(run.state.draining()).isEmpty();
    }

    @Test
    void withoutDrainARemovedRealIsDeletedAtOnce() {
        Config two = config(tcp(VIP).real("10.0.0.2:80", ROUTE, 1).real("10.0.0.3:80", ROUTE, 1));
        Run run = new Run(two, table());
        run.up("10.0.0.2:80", "10.0.0.3:80");
        run.cycle(T0);
        run.kernel = TableModel.withConns(run.kernel, KEY, "10.0.0.3:80", 5, 5);
        run.config = config(tcp(VIP).real("10.0.0.2:80", ROUTE, 1));
        run.cycle(at(1));
        assertThat(run.ops()).containsExactly("-d -t 10.0.0.1:80 -r 10.0.0.3:80");
    }

    @Test
    void fallbackCommandRunsOncePerTransition() {
        Config cfg = config(tcp(VIP).fallback("127.0.0.1:80", ROUTE).fallbackCommand("/usr/local/bin/sorry")
                .real("10.0.0.2:80", ROUTE, 1).real("10.0.0.3:80", ROUTE, 1));
        Run run = new Run(cfg, table());
        run.cycle(T0);
        assertThat(run.last.effects()).as("checks pending: nothing decided").isEmpty();

        run.down("10.0.0.2:80", "10.0.0.3:80");
        run.cycle(at(1));
        assertThat(run.last.effects()).containsExactly(new Effect.FallbackCommand(List.of("/usr/local/bin/sorry"),
                Effect.FallbackCommand.Action.START, "10.0.0.1:80", "tcp"));
        assertThat(((Effect.FallbackCommand) run.last.effects().get(0)).arguments())
                .containsExactly("start", "10.0.0.1:80", "tcp");
        assertThat(run.ops()).containsExactly("-a -t 10.0.0.1:80 -r 127.0.0.1:80 -g -w 1");

        run.cycle(at(2));
        assertThat(run.last.effects()).as("same state: not run again").isEmpty();
        assertThat(run.ops()).isEmpty();

        run.up("10.0.0.3:80");
        run.cycle(at(3));
        assertThat(run.last.effects()).containsExactly(new Effect.FallbackCommand(List.of("/usr/local/bin/sorry"),
                Effect.FallbackCommand.Action.STOP, "10.0.0.1:80", "tcp"));
        assertThat(run.ops()).containsExactly("-a -t 10.0.0.1:80 -r 10.0.0.3:80 -g -w 1",
                "-d -t 10.0.0.1:80 -r 127.0.0.1:80");

        run.cycle(at(4));
        assertThat(run.last.effects()).isEmpty();
    }

    @Test
    void fallbackCommandWithoutFallbackServerStillRuns() {
        Config cfg = config(tcp(VIP).fallbackCommand("/bin/sorry").real("10.0.0.2:80", ROUTE, 1));
        Run run = new Run(cfg, table());
        run.down("10.0.0.2:80");
        run.cycle(T0);
        assertThat(run.last.effects()).hasSize(1);
        assertThat(run.ops()).containsExactly("-A -t 10.0.0.1:80 -s wrr");
    }

    @Test
    void everyTransitionIsLoggedOnceInOneLine() {
        Run run = new Run(config(tcp(VIP).real("10.0.0.2:80", ROUTE, 5)), table());
        run.cycle(T0);
        assertThat(run.last.log()).as("pending is the starting point, nothing to log").isEmpty();
        run.up("10.0.0.2:80");
        run.cycle(at(1));
        assertThat(run.last.log()).containsExactly(
                "virtual tcp:10.0.0.1:80 real 10.0.0.2:80: pending -> up (weight 5): check passed");
        run.cycle(at(2));
        assertThat(run.last.log()).isEmpty();
        run.down("10.0.0.2:80");
        run.cycle(at(3));
        assertThat(run.last.log()).containsExactly(
                "virtual tcp:10.0.0.1:80 real 10.0.0.2:80: up (weight 5) -> quiesced: connect refused");
        run.up("10.0.0.2:80");
        run.maintenance = MaintenanceSet.of("10.0.0.2:80");
        run.cycle(at(4));
        assertThat(run.last.log()).as("still out, now for maintenance: same status").isEmpty();
        run.maintenance = MaintenanceSet.EMPTY;
        run.cycle(at(5));
        assertThat(run.last.log()).containsExactly(
                "virtual tcp:10.0.0.1:80 real 10.0.0.2:80: quiesced -> up (weight 5): check passed");
    }

    @Test
    void reloadDeletesAVirtualTheNewFileDropsButNotForeignOnes() {
        Config both = config(tcp(VIP).real("10.0.0.2:80", ROUTE, 1), tcp("10.0.0.5:443").real("10.0.0.2:443", ROUTE, 1));
        IpvsTable foreign = table(ksvc(kservice("10.9.9.9:80", "rr"), kdest("10.0.0.7:80", Forwarding.MASQ, 3)));
        Run run = new Run(both, foreign);
        run.up("10.0.0.2:80", "10.0.0.2:443");
        run.cycle(T0);
        run.config = config(tcp(VIP).real("10.0.0.2:80", ROUTE, 1));
        run.cycle(at(1));
        assertThat(run.ops()).containsExactly("-D -t 10.0.0.5:443");
        assertThat(run.last.log()).containsExactly("virtual tcp:10.0.0.5:443: removed: no longer in the configuration");
        run.cycle(at(2));
        assertThat(run.ops()).isEmpty();
        assertThat(run.kernel.find(tcpKey("10.9.9.9:80"))).isEqualTo(foreign.find(tcpKey("10.9.9.9:80")));
    }

    @Test
    void reloadKeepsTheStateOfUnchangedReals() {
        Config one = config(tcp(VIP).fallback("127.0.0.1:80", ROUTE).real("10.0.0.2:80", ROUTE, 1));
        Run run = new Run(one, table());
        run.down("10.0.0.2:80");
        run.cycle(T0);
        assertThat(run.last.effects()).isEmpty();
        // Reload with a weight change and an extra real: the quiesced real is not flashed into rotation, the
        // new real waits for its check, the fallback stays.
        run.config = config(tcp(VIP).fallback("127.0.0.1:80", ROUTE).real("10.0.0.2:80", ROUTE, 4)
                .real("10.0.0.3:80", ROUTE, 1));
        run.cycle(at(1));
        assertThat(run.ops()).isEmpty();
        assertThat(run.last.log()).isEmpty();
    }

    @Test
    void stopWithCleanstopDeletesOwnServicesOnly() {
        IpvsTable foreign = table(ksvc(kservice("10.9.9.9:80", "rr")));
        Run run = new Run(config(tcp(VIP).real("10.0.0.2:80", ROUTE, 1)), foreign);
        run.up("10.0.0.2:80");
        run.cycle(T0);
        List<IpvsOp> stop = run.director.stop(run.state, run.config, run.kernel);
        assertThat(stop.stream().map(IpvsadmSyntax::op)).containsExactly("-D -t 10.0.0.1:80");
    }

    @Test
    void stopWithCleanstopNoTouchesNothingAndARestartAdoptsWithZeroChanges() {
        Config cfg = config(false, false, tcp(VIP).cleanStop(false).fallback("127.0.0.1:80", ROUTE)
                .real("10.0.0.2:80", ROUTE, 1).real("10.0.0.3:80", ROUTE, 2).real("10.0.0.4:80", ROUTE, 1));
        Run run = new Run(cfg, table(ksvc(kservice("10.9.9.9:80", "rr"))));
        run.up("10.0.0.2:80", "10.0.0.3:80");
        run.down("10.0.0.4:80");
        run.cycle(T0);
        run.cycle(at(1));
        assertThat(run.ops()).isEmpty();
        assertThat(run.director.stop(run.state, run.config, run.kernel)).isEmpty();

        Run restarted = new Run(cfg, run.kernel); // new process: initial state, every check pending
        restarted.cycle(at(100));
        assertThat(restarted.ops()).isEmpty();
        restarted.up("10.0.0.2:80", "10.0.0.3:80");
        restarted.down("10.0.0.4:80");
        restarted.cycle(at(101));
        assertThat(restarted.ops()).isEmpty();
    }

    @Test
    void fallbackServingTrafficSurvivesARestart() {
        Config cfg = config(false, false, tcp(VIP).cleanStop(false).fallback("127.0.0.1:80", ROUTE)
                .real("10.0.0.2:80", ROUTE, 1));
        Run run = new Run(cfg, table());
        run.down("10.0.0.2:80");
        run.cycle(T0);
        assertThat(run.ops()).contains("-a -t 10.0.0.1:80 -r 127.0.0.1:80 -g -w 1");
        Run restarted = new Run(cfg, run.kernel);
        restarted.cycle(at(10));
        assertThat(restarted.ops()).isEmpty();
        restarted.up("10.0.0.2:80");
        restarted.cycle(at(11));
        assertThat(restarted.ops()).containsExactly("-a -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 1",
                "-d -t 10.0.0.1:80 -r 127.0.0.1:80");
        assertThat(restarted.last.effects()).as("no fallbackcommand configured").isEmpty();
    }

    @Test
    void drainDeadlineIsComputedFromTheInjectedClock() {
        Run run = new Run(drainConfig(true), table());
        run.up("10.0.0.2:80", "10.0.0.3:80");
        long t = at(Duration.ofDays(3).toSeconds());
        run.cycle(t);
        run.kernel = TableModel.withConns(run.kernel, KEY, "10.0.0.3:80", 1, 0);
        run.config = drainConfig(false);
        run.cycle(t);
        assertThat(run.state.draining().values()).containsExactly(t + 60_000_000_000L);
    }

    @Test
    void anUnknownDestinationRemovedFromAnOwnServiceIsLogged() {
        IpvsTable kernel = table(ksvc(kservice(VIP, "wrr"), kdest("10.0.0.2:80", Forwarding.ROUTE, 1),
                kdest("10.0.0.66:80", Forwarding.ROUTE, 3)));
        Run run = new Run(config(tcp(VIP).real("10.0.0.2:80", ROUTE, 1)), kernel);
        run.cycle(T0);
        assertThat(run.ops()).containsExactly("-d -t 10.0.0.1:80 -r 10.0.0.66:80");
        assertThat(run.last.log()).containsExactly(
                "virtual tcp:10.0.0.1:80 real 10.0.0.2:80: pending -> up (weight 1): in the kernel table, adopted"
                        + " until its first check",
                "virtual tcp:10.0.0.1:80 real 10.0.0.66:80: unknown -> removed: not in the configuration");
    }
}
