package lvsd.vrrp.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lvsd.sys.LibC;
import lvsd.vrrp.VrrpIoException;
import org.junit.jupiter.api.Test;

/** A missing interface is answered from /proc, never by an ioctl that would make the kernel run modprobe. */
class IfacesTest {
    @Test
    void loopbackExistsAndAMissingInterfaceDoesNot() {
        assertThat(Ifaces.exists("lo")).isTrue();
        assertThat(Ifaces.exists("lvsd-none0")).isFalse();
        assertThat(Ifaces.exists("l")).isFalse(); // a prefix of a name is not the name
    }

    @Test
    void aMissingInterfaceIsDownAndHasNoIndex() throws Exception {
        try (Ifaces ifaces = new Ifaces()) {
            assertThat(ifaces.linkUp("lvsd-none0")).isFalse();
            assertThat(ifaces.index("lo")).isEqualTo(1);
            assertThatThrownBy(() -> ifaces.index("lvsd-none0"))
                    .isInstanceOfSatisfying(VrrpIoException.class, e -> assertThat(e.errno()).isEqualTo(LibC.ENODEV))
                    .hasMessageContaining("no such interface");
        }
    }
}
