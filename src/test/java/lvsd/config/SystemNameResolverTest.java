package lvsd.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import lvsd.inet.Family;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemNameResolverTest {

    @Test
    void parsesServicesWithAliasesAndComments() {
        var m = SystemNameResolver.parseServices(List.of(
                "# comment",
                "http\t\t80/tcp\t\twww\t\t# WorldWideWeb HTTP",
                "domain\t\t53/udp",
                "bogus",
                "bad\t\tx/tcp",
                ""));
        assertThat(m).containsEntry("http/tcp", 80).containsEntry("www/tcp", 80).containsEntry("domain/udp", 53)
                .doesNotContainKey("bad/tcp").hasSize(3);
    }

    @Test
    void looksUpByProtocolOrEither(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("services");
        Files.writeString(f, "domain 53/udp\nhttp 80/tcp\n");
        SystemNameResolver r = new SystemNameResolver(f);
        assertThat(r.service("domain", "udp")).isEqualTo(OptionalInt.of(53));
        assertThat(r.service("domain", "tcp")).isEmpty();
        assertThat(r.service("domain", null)).isEqualTo(OptionalInt.of(53));
        assertThat(r.service("nosuch", null)).isEmpty();
    }

    @Test
    void missingServicesFileResolvesNothing(@TempDir Path tmp) {
        assertThat(new SystemNameResolver(tmp.resolve("none")).service("http", "tcp")).isEmpty();
    }

    @Test
    void localhostResolvesThroughEtcHosts() {
        assertThat(NameResolver.system().host("localhost", Family.INET)).map(a -> a.getHostAddress())
                .contains("127.0.0.1");
    }
}
