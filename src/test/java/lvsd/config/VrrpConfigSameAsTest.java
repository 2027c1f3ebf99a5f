package lvsd.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A reload keeps VRRP running when its blocks are unchanged, wherever an edit above them moved them (issue 10). */
class VrrpConfigSameAsTest {

    private static VrrpConfig vrrpOf(String reals, int priority) {
        String text = "checkinterval=1\n\nvirtual=10.50.0.100:80\n" + reals + "    scheduler=wrr\n\n"
                + "vrrp_instance=VI_1\n    interface=eth0\n    virtual_router_id=50\n    priority=" + priority + "\n"
                + "    version=3\n    advert_int=1\n    virtual_ipaddress=10.50.0.100/32 dev eth0\n";
        ParseResult r = new ConfigParser(NameResolver.system()).parseBytes("e2e.cf",
                text.getBytes(StandardCharsets.UTF_8));
        assertThat(r.ok()).as("%s", r.errors()).isTrue();
        return r.config().vrrp();
    }

    private static final String THREE = "    real=10.50.0.11:80 gate 1\n    real=10.50.0.12:80 gate 1\n"
            + "    real=10.50.0.13:80 gate 1\n";
    private static final String TWO = "    real=10.50.0.11:80 gate 1\n    real=10.50.0.12:80 gate 3\n";

    @Test
    void blocksMovedByAnEditOfTheVirtualsAreTheSameVrrp() {
        VrrpConfig before = vrrpOf(THREE, 100);
        VrrpConfig after = vrrpOf(TWO, 100);
        assertThat(after.instances().get(0).line()).isNotEqualTo(before.instances().get(0).line());
        assertThat(after.sameAs(before)).isTrue();
        assertThat(before.sameAs(after)).isTrue();
    }

    @Test
    void aChangedInstanceIsNotTheSame() {
        assertThat(vrrpOf(TWO, 150).sameAs(vrrpOf(TWO, 100))).isFalse();
        assertThat(vrrpOf(TWO, 100).sameAs(null)).isFalse();
    }
}
