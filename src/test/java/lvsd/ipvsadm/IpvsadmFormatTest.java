package lvsd.ipvsadm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lvsd.inet.Addresses;
import lvsd.inet.Family;
import lvsd.inet.Forwarding;
import lvsd.inet.Protocol;
import lvsd.ipvs.Destination;
import lvsd.ipvs.DestinationState;
import lvsd.ipvs.IpvsInfo;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.Service;
import lvsd.ipvs.ServiceKey;
import lvsd.ipvs.ServiceState;
import lvsd.ipvs.Stats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Layouts as ipvsadm 1.31 printed them in the test VM; the K/M/G/T scaling of values too large to produce
 * there follows ipvsadm's print_largenum. The kernel suites compare against real ipvsadm output.
 */
class IpvsadmFormatTest {

    private static ServiceKey tcp(String a, int port) {
        return ServiceKey.of(Protocol.TCP, Addresses.parse(a), port);
    }

    private static DestinationState dest(String a, int port, Forwarding f, int w, Stats st) {
        return new DestinationState(Destination.of(Addresses.parse(a), port, f, w), 3, 12, 0, st);
    }

    static IpvsTable table() {
        Stats s = new Stats(1523, 98211, 0, 6313456, 0, 1, 20, 0, 1300, 0);
        Stats big = new Stats(123_456_789L, 1_234_567_890L, 99_999_999_999L, 100_000_000_000L, 987_654_321_098_765L,
                12_345, 123_456_789L, 5, 1_000_000_000L, 7);
        return new IpvsTable(new IpvsInfo(0x010201, 4096), List.of(
                new ServiceState(Service.of(tcp("192.168.1.1", 80), "wrr"), s, List.of(
                        dest("10.0.0.2", 80, Forwarding.ROUTE, 1, s),
                        dest("10.0.0.3", 8080, Forwarding.MASQ, 5, big),
                        dest("10.0.0.4", 80, Forwarding.TUNNEL, 0, Stats.ZERO))),
                new ServiceState(Service.of(tcp("192.168.1.1", 443), "wlc").withPersistence(300, 0xFFFFFF00), big,
                        List.of()),
                new ServiceState(new Service(ServiceKey.of(Protocol.UDP, Addresses.parse("192.168.1.4"), 5060), "sh",
                        Service.F_PERSISTENT | Service.F_ONEPACKET | Service.F_SCHED2, 100, 0xFFFF0000, "sip"),
                        Stats.ZERO, List.of()),
                new ServiceState(Service.of(ServiceKey.of(Protocol.SCTP, Addresses.parse("2001:db8::1"), 80), "lc")
                        .withPersistence(60, 64), Stats.ZERO,
                        List.of(dest("2001:db8::2", 80, Forwarding.MASQ, 1, Stats.ZERO))),
                new ServiceState(Service.of(ServiceKey.ofFwmark(Family.INET6, 11), "mh")
                        .withFlags(Service.F_SCHED1 | Service.F_SCHED2), Stats.ZERO, List.of()),
                new ServiceState(Service.of(ServiceKey.ofFwmark(Family.INET, 0xFFFFFFFFL), "rr"), Stats.ZERO,
                        List.of())));
    }

    @Test
    void plainListing() {
        assertThat(IpvsadmFormat.list(table(), IpvsadmFormat.View.PLAIN)).isEqualTo("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                TCP  192.168.1.1:80 wrr
                  -> 10.0.0.2:80                  Route   1      3          12       \s
                  -> 10.0.0.3:8080                Masq    5      3          12       \s
                  -> 10.0.0.4:80                  Tunnel  0      3          12       \s
                TCP  192.168.1.1:443 wlc persistent 300 mask 255.255.255.0
                UDP  192.168.1.4:5060 sh (sh-port) persistent 100 mask 255.255.0.0 pe sip ops
                SCTP [2001:db8::1]:80 lc persistent 60 mask 64
                  -> [2001:db8::2]:80             Masq    1      3          12       \s
                FWM  11 IPv6 mh (mh-fallback,mh-port)
                FWM  -1 rr
                """);
    }

    @Test
    void statsListingScalesLargeNumbers() {
        assertThat(IpvsadmFormat.list(table(), IpvsadmFormat.View.STATS)).startsWith("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes
                  -> RemoteAddress:Port
                TCP  192.168.1.1:80                   1523    98211        0  6313456        0
                  -> 10.0.0.2:80                      1523    98211        0  6313456        0
                  -> 10.0.0.3:8080                 123456K    1234M   99999M     100G     987T
                  -> 10.0.0.4:80                         0        0        0        0        0
                TCP  192.168.1.1:443               123456K    1234M   99999M     100G     987T
                """);
    }

    @Test
    void rateListingLeavesDestinationPacketRatesUnscaled() {
        assertThat(IpvsadmFormat.list(table(), IpvsadmFormat.View.RATE)).startsWith("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS
                  -> RemoteAddress:Port
                TCP  192.168.1.1:80                      1       20        0     1300        0
                  -> 10.0.0.2:80                         1       20        0     1300        0
                  -> 10.0.0.3:8080                   12345 123456789        5    1000M        7
                  -> 10.0.0.4:80                         0        0        0        0        0
                TCP  192.168.1.1:443                 12345  123456K        5    1000M        7
                """);
    }

    @Test
    void saveFormat() {
        assertThat(IpvsadmFormat.save(table())).isEqualTo("""
                -A -t 192.168.1.1:80 -s wrr
                -a -t 192.168.1.1:80 -r 10.0.0.2:80 -g -w 1
                -a -t 192.168.1.1:80 -r 10.0.0.3:8080 -m -w 5
                -a -t 192.168.1.1:80 -r 10.0.0.4:80 -i -w 0 --tun-type ipip
                -A -t 192.168.1.1:443 -s wlc -p 300 -M 255.255.255.0
                -A -u 192.168.1.4:5060 -s sh -p 100 -M 255.255.0.0 --pe sip -o -b sh-port
                -A --sctp-service [2001:db8::1]:80 -s lc -p 60 -M 64
                -a --sctp-service [2001:db8::1]:80 -r [2001:db8::2]:80 -m -w 1
                -A -f 11 -6 -s mh -b mh-fallback,mh-port
                -A -f -1 -s rr
                """);
    }

    @ParameterizedTest
    @CsvSource({
        "0,                '        0'",
        "99999999,         ' 99999999'",
        "100000000,        '  100000K'",
        "999999999,        '  999999K'",
        "1000000000,       '    1000M'",
        "99999999999,      '   99999M'",
        "100000000000,     '     100G'",
        "99999999999999,   '   99999G'",
        "100000000000000,  '     100T'",
        "-1,               '18446744T'",
    })
    void largeNumbersScaleAtIpvsadmsThresholds(long v, String expected) {
        StringBuilder sb = new StringBuilder();
        IpvsadmFormat.largenum(sb, v);
        assertThat(sb.toString()).isEqualTo(expected);
    }

    @Test
    void emptyTableIsJustTheHeaders() {
        IpvsTable empty = new IpvsTable(new IpvsInfo(0x010201, 4096), List.of());
        assertThat(IpvsadmFormat.list(empty, IpvsadmFormat.View.PLAIN)).isEqualTo("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                """);
        assertThat(IpvsadmFormat.save(empty)).isEmpty();
    }
}
