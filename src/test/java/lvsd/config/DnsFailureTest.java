package lvsd.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import lvsd.inet.Family;
import lvsd.testing.HostsOnlyResolver;
import org.junit.jupiter.api.Test;

/** A resolver that cannot answer now is not a config error; a name that does not exist is. */
class DnsFailureTest {

    private static final Path NO_SERVICES = Path.of("/nonexistent/services");

    @Test
    void aTemporaryFailureIsUnavailableAndANameThatDoesNotExistIsEmpty() {
        SystemNameResolver again = new SystemNameResolver(NO_SERVICES, n -> {
            throw new UnknownHostException(n + ": Temporary failure in name resolution");
        }, Duration.ofSeconds(5));
        assertThatThrownBy(() -> again.host("web1.example", Family.INET))
                .isInstanceOf(NameResolver.Unavailable.class).hasMessageContaining("temporary failure");
        SystemNameResolver nx = new SystemNameResolver(NO_SERVICES, n -> {
            throw new UnknownHostException(n + ": Name or service not known");
        }, Duration.ofSeconds(5));
        assertThat(nx.host("web1.example", Family.INET)).isEmpty();
    }

    @Test
    void aResolverThatNeverAnswersIsUnavailableAtTheDeadline() {
        CountDownLatch never = new CountDownLatch(1);
        SystemNameResolver hung = new SystemNameResolver(NO_SERVICES, n -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(n);
        }, Duration.ofMillis(300));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> hung.host("web1.example", Family.INET))
                .isInstanceOf(NameResolver.Unavailable.class).hasMessageContaining("within");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    /** Every host name is a temporary failure; counts the questions. */
    static final class Down extends HostsOnlyResolver {
        int asked;

        @Override
        public Optional<InetAddress> host(String name, Family family) {
            asked++;
            throw new Unavailable("temporary failure in name resolution");
        }
    }

    @Test
    void aParseWithUnresolvableNamesIsRetryableAndAsksTheResolverOnce() {
        Down down = new Down();
        ParseResult r = new ConfigParser(down).parseText("t.cf", """
                virtual=192.0.2.1:80
                \treal=web1.example:80 gate
                \treal=web2.example:80 gate
                """);
        assertThat(r.ok()).isFalse();
        assertThat(r.retryable()).isTrue();
        assertThat(r.errors().get(0).toString())
                .startsWith("t.cf:2: cannot resolve host name \"web1.example\" for real server now: ");
        assertThat(r.errors().get(1).toString()).startsWith("t.cf:3: ");
        assertThat(down.asked).as("one deadline per parse, not one per name").isEqualTo(1);
    }

    @Test
    void aRealConfigErrorBesideItIsNotRetryable() {
        ParseResult r = new ConfigParser(new Down()).parseText("t.cf", """
                virtual=192.0.2.1:80
                \treal=web1.example:80 gate
                \tcheckport=99999
                """);
        assertThat(r.retryable()).isFalse();
    }
}
