package lvsd.ipvs;

import static org.assertj.core.api.Assertions.assertThat;

import lvsd.inet.Addresses;
import lvsd.inet.Forwarding;
import lvsd.inet.Protocol;
import org.junit.jupiter.api.Test;

class IpvsOpTest {
    private static final ServiceKey WEB = ServiceKey.of(Protocol.TCP, Addresses.parse("10.0.0.1"), 80);
    private static final Destination REAL = Destination.of(Addresses.parse("10.0.0.2"), 8080, Forwarding.MASQ, 1);

    /** What IpvsException messages name: the service, or the service and the destination, in ipvsadm's words. */
    @Test
    void describeNamesTheServiceAndDestination() {
        assertThat(new IpvsOp.AddService(Service.of(WEB, "rr")).describe()).isEqualTo("-t 10.0.0.1:80");
        assertThat(new IpvsOp.DeleteService(ServiceKey.ofFwmark(lvsd.inet.Family.INET6, 7)).describe())
                .isEqualTo("-f 7 -6");
        assertThat(new IpvsOp.AddDestination(WEB, REAL).describe()).isEqualTo("-t 10.0.0.1:80 -r 10.0.0.2:8080");
        assertThat(new IpvsOp.EditDestination(WEB, REAL).describe()).isEqualTo("-t 10.0.0.1:80 -r 10.0.0.2:8080");
        assertThat(IpvsOp.DeleteDestination.of(WEB, REAL).describe()).isEqualTo("-t 10.0.0.1:80 -r 10.0.0.2:8080");
        assertThat(new IpvsOp.Flush().describe()).isEqualTo("the table");
    }
}
