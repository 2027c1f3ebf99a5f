package lvsd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpvsSysctlsTest {

    @TempDir
    Path dir;

    private final List<String> lines = new ArrayList<>();

    private IpvsSysctls sysctls() {
        return new IpvsSysctls(IpvsSysctls.Proc.under(dir), DaemonLog.into(lines::add));
    }

    private void kernelDefaults() throws Exception {
        Files.writeString(dir.resolve("expire_nodest_conn"), "0\n");
        Files.writeString(dir.resolve("conn_reuse_mode"), "1\n");
        Files.writeString(dir.resolve("expire_quiescent_template"), "0\n");
    }

    private String value(String name) throws Exception {
        return Files.readString(dir.resolve(name)).trim();
    }

    @Test
    void kernelDefaultsAreSetSoQuiescedRealsGetNoNewConnectionsAndEachChangeIsLogged() throws Exception {
        kernelDefaults();
        sysctls().ensure();
        assertThat(value("expire_nodest_conn")).isEqualTo("1");
        assertThat(value("conn_reuse_mode")).isEqualTo("3");
        assertThat(value("expire_quiescent_template")).isEqualTo("1");
        assertThat(lines).containsExactly(
                "set net.ipv4.vs.expire_nodest_conn=1 (was 0): new connections from a reused client port are not"
                        + " sent to a quiesced real",
                "set net.ipv4.vs.conn_reuse_mode=3 (was 1): LVS-DR: a new connection on a closed connection's"
                        + " FIN_WAIT entry is scheduled again",
                "set net.ipv4.vs.expire_quiescent_template=1 (was 0): persistence templates of a quiesced real"
                        + " expire");
    }

    @Test
    void valuesAlreadyRightAreLeftAloneSilentlyAndAResetIsRepaired() throws Exception {
        kernelDefaults();
        IpvsSysctls s = sysctls();
        s.ensure();
        lines.clear();
        s.ensure();
        assertThat(lines).isEmpty();
        // rmmod ip_vs; modprobe ip_vs: the defaults are back
        kernelDefaults();
        s.ensure();
        assertThat(lines).hasSize(3);
    }

    @Test
    void anOperatorsConnReuseModeZeroIsKeptWithOneWarning() throws Exception {
        kernelDefaults();
        Files.writeString(dir.resolve("conn_reuse_mode"), "0\n");
        IpvsSysctls s = sysctls();
        s.ensure();
        s.ensure();
        assertThat(value("conn_reuse_mode")).isEqualTo("0");
        assertThat(lines).filteredOn(l -> l.contains("conn_reuse_mode")).singleElement().asString()
                .contains("leaves it");
        // other bits an operator set survive
        Files.writeString(dir.resolve("conn_reuse_mode"), "2\n");
        s.ensure();
        assertThat(value("conn_reuse_mode")).isEqualTo("2");
    }

    @Test
    void aKernelWithoutASysctlIsNotAnErrorAndAnUnwritableOneWarnsOnce() throws Exception {
        Files.writeString(dir.resolve("expire_nodest_conn"), "0\n");
        // conn_reuse_mode and expire_quiescent_template absent (an older kernel)
        IpvsSysctls.Proc readOnly = new IpvsSysctls.Proc() {
            @Override
            public String read(String name) throws java.io.IOException {
                return IpvsSysctls.Proc.under(dir).read(name);
            }

            @Override
            public void write(String name, String value) throws java.io.IOException {
                throw new java.nio.file.AccessDeniedException(dir.resolve(name).toString());
            }
        };
        IpvsSysctls s = new IpvsSysctls(readOnly, DaemonLog.into(lines::add));
        s.ensure();
        s.ensure();
        assertThat(lines).singleElement().asString()
                .startsWith("cannot set net.ipv4.vs.expire_nodest_conn=1");
    }
}
