package lvsd.director;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MaintenanceSetTest {

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("ip and port file covers that real", List.of("10.0.0.2:80"), "10.0.0.2", 80, List.of(), "10.0.0.2:80"),
                Arguments.of("ip and port file does not cover another port", List.of("10.0.0.2:80"), "10.0.0.2", 443, List.of(), null),
                Arguments.of("bare ip file covers every port", List.of("10.0.0.2"), "10.0.0.2", 443, List.of(), "10.0.0.2"),
                Arguments.of("ip:port wins over bare ip", List.of("10.0.0.2", "10.0.0.2:80"), "10.0.0.2", 80, List.of(), "10.0.0.2:80"),
                Arguments.of("other host's file does not match", List.of("10.0.0.3"), "10.0.0.2", 80, List.of(), null),
                Arguments.of("prefix of an address is not a match", List.of("10.0.0.2"), "10.0.0.22", 80, List.of(), null),
                Arguments.of("host name with port", List.of("web1.example.org:80"), "10.0.0.2", 80, List.of("web1.example.org"), "web1.example.org:80"),
                Arguments.of("bare host name", List.of("web1.example.org"), "10.0.0.2", 8080, List.of("web1.example.org"), "web1.example.org"),
                Arguments.of("short name with port", List.of("web1:80"), "10.0.0.2", 80, List.of("web1.example.org"), "web1:80"),
                Arguments.of("bare short name", List.of("web1"), "10.0.0.2", 80, List.of("web1.example.org"), "web1"),
                Arguments.of("short name of a name given with a trailing dot", List.of("web1"), "10.0.0.2", 80, List.of("web1.example.org."), "web1"),
                Arguments.of("address wins over name", List.of("web1", "10.0.0.2"), "10.0.0.2", 80, List.of("web1.example.org"), "10.0.0.2"),
                Arguments.of("full name wins over short name", List.of("web1", "web1.example.org"), "10.0.0.2", 80, List.of("web1.example.org"), "web1.example.org"),
                Arguments.of("no name known: short name files ignored", List.of("web1"), "10.0.0.2", 80, List.of(), null),
                Arguments.of("an address literal has no short name", List.of("10"), "10.0.0.2", 80, List.of("10.0.0.2"), null),
                Arguments.of("ipv6 in brackets with port", List.of("[2001:db8::2]:80"), "2001:db8::2", 80, List.of(), "[2001:db8::2]:80"),
                Arguments.of("ipv6 in brackets without port", List.of("[2001:db8::2]"), "2001:db8::2", 80, List.of(), "[2001:db8::2]"),
                Arguments.of("ipv6 without brackets is not a match", List.of("2001:db8::2"), "2001:db8::2", 80, List.of(), null),
                Arguments.of("fwmark real with port 0", List.of("10.0.0.2:0"), "10.0.0.2", 0, List.of(), "10.0.0.2:0"),
                Arguments.of("empty directory", List.of(), "10.0.0.2", 80, List.of("web1.example.org"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void maintenanceFileRules(String behaviour, List<String> files, String ip, int port, List<String> names,
            String expected) throws IOException {
        MaintenanceSet set = new MaintenanceSet(new java.util.HashSet<>(files));
        assertThat(set.match(InetAddress.getByName(ip), port, names)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void candidateOrderFollowsLdirectord() throws IOException {
        assertThat(MaintenanceSet.candidates(InetAddress.getByName("10.0.0.2"), 80, List.of("web1.example.org")))
                .containsExactly("10.0.0.2:80", "10.0.0.2", "web1.example.org:80", "web1.example.org", "web1:80", "web1");
    }
}
