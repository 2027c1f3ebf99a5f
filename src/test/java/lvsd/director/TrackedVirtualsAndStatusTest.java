package lvsd.director;

import static lvsd.director.Fixtures.config;
import static lvsd.director.Fixtures.table;
import static lvsd.director.Fixtures.tcp;
import static lvsd.inet.Forwarding.ROUTE;
import static org.assertj.core.api.Assertions.assertThat;

import lvsd.config.Config;
import lvsd.status.StatusSnapshot;
import org.junit.jupiter.api.Test;

/** The director's state as VRRP's track_virtual and the status snapshot see it, after real cycles. */
class TrackedVirtualsAndStatusTest {
    static final long T0 = DirectorCyclesTest.T0;

    static Config twoVirtuals() {
        return config(tcp("10.0.0.1:80").real("10.0.0.2:80", ROUTE, 1).real("10.0.0.3:80", ROUTE, 2),
                tcp("10.0.0.9:443").real("10.0.0.4:443", ROUTE, 1));
    }

    @Test
    void aVirtualIsHealthyUnderEachOfItsNamesWhileOneRealIsUp() {
        DirectorCyclesTest.Run run = new DirectorCyclesTest.Run(twoVirtuals(), table());
        run.up("10.0.0.2:80");
        run.down("10.0.0.3:80", "10.0.0.4:443");
        run.cycle(T0);
        assertThat(TrackedVirtuals.healthy(run.state, run.config))
                .containsExactlyInAnyOrder("tcp:10.0.0.1:80", "10.0.0.1:80");

        run.down("10.0.0.2:80");
        run.up("10.0.0.4:443");
        run.cycle(DirectorCyclesTest.at(1));
        assertThat(TrackedVirtuals.healthy(run.state, run.config))
                .containsExactlyInAnyOrder("tcp:10.0.0.9:443", "10.0.0.9:443");
    }

    @Test
    void nothingIsHealthyBeforeTheFirstCycle() {
        assertThat(TrackedVirtuals.healthy(DirectorState.INITIAL, twoVirtuals())).isEmpty();
    }

    @Test
    void theStatusListsEveryVirtualWithItsRealsStatesAndWeights() {
        DirectorCyclesTest.Run run = new DirectorCyclesTest.Run(twoVirtuals(), table());
        run.up("10.0.0.2:80", "10.0.0.3:80");
        run.down("10.0.0.4:443");
        run.cycle(T0);
        StatusSnapshot.Director d = DirectorStatus.of(run.state, 3);
        assertThat(d.fallbackCommands()).isEqualTo(3L);
        assertThat(d.ownedServices()).isEqualTo(2L);
        assertThat(d.virtuals()).extracting(StatusSnapshot.Virtual::service)
                .containsExactly("-t 10.0.0.1:80", "-t 10.0.0.9:443");
        StatusSnapshot.Virtual web = d.virtuals().get(0);
        assertThat(web.fallbackInUse()).isFalse();
        assertThat(web.reals()).extracting(StatusSnapshot.Real::real, StatusSnapshot.Real::weight)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10.0.0.2:80", 1),
                        org.assertj.core.groups.Tuple.tuple("10.0.0.3:80", 2));
        assertThat(d.virtuals().get(1).reals()).singleElement()
                .satisfies(r -> assertThat(r.weight()).as("a down real is quiesced").isZero());
    }

    @Test
    void withTheLastDumpEachVirtualAndRealCarriesItsKernelCounters() {
        DirectorCyclesTest.Run run = new DirectorCyclesTest.Run(twoVirtuals(), table());
        run.up("10.0.0.2:80", "10.0.0.3:80");
        run.down("10.0.0.4:443");
        run.cycle(T0);
        // the model table after the cycle, with counters on 10.0.0.1:80 and its real 10.0.0.2:80
        lvsd.ipvs.Stats st = new lvsd.ipvs.Stats(30, 300, 200, 40000, 90000, 0, 0, 0, 0, 0);
        lvsd.ipvs.IpvsTable dump = new lvsd.ipvs.IpvsTable(run.kernel.info(), run.kernel.services().stream()
                .map(sv -> !sv.key().ipvsadm().equals("-t 10.0.0.1:80") ? sv
                        : new lvsd.ipvs.ServiceState(sv.service(), st, sv.destinations().stream()
                                .map(ds -> ds.destination().port() == 80
                                        && ds.destination().address().getHostAddress().equals("10.0.0.2")
                                        ? new lvsd.ipvs.DestinationState(ds.destination(), 7, 9, 0, st) : ds)
                                .toList()))
                .toList());
        StatusSnapshot.Director d = DirectorStatus.of(run.state, 3, dump);
        StatusSnapshot.Virtual web = d.virtuals().get(0);
        assertThat(web.ipvs()).isEqualTo(new StatusSnapshot.Traffic(0, 0, 30, 300, 200, 40000, 90000));
        assertThat(web.reals().get(0).ipvs()).isEqualTo(new StatusSnapshot.Traffic(7, 9, 30, 300, 200, 40000, 90000));
        assertThat(web.reals().get(1).ipvs()).as("in the dump, no traffic").isNotNull()
                .extracting(StatusSnapshot.Traffic::conns).isEqualTo(0L);
        assertThat(DirectorStatus.of(run.state, 3).virtuals().get(0).ipvs()).as("no dump yet").isNull();
    }
}
