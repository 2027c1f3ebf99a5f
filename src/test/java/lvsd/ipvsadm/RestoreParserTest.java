package lvsd.ipvsadm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import lvsd.ipvs.IpvsOp;
import lvsd.ipvs.RandomTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RestoreParserTest {

    /** Lines as ipvsadm-save -n printed them in the test VM; each must parse and render back identically. */
    @ParameterizedTest
    @ValueSource(strings = {
        "-A -t 192.168.1.1:80 -s wrr",
        "-a -t 192.168.1.1:80 -r 10.0.0.2:80 -g -w 1",
        "-a -t 192.168.1.1:80 -r 10.0.0.3:8080 -m -w 5",
        "-a -t 192.168.1.1:80 -r 10.0.0.4:80 -i -w 0 --tun-type ipip",
        "-A -t 192.168.1.1:443 -s wlc -p 300 -M 255.255.255.0",
        "-A -t 192.168.1.5:0 -s none -p 360",
        "-A -u 192.168.1.2:53 -s rr -o",
        "-A -u 192.168.1.4:5060 -s sh -p 100 -M 255.255.0.0 --pe sip -o -b sh-port",
        "-A --sctp-service 192.168.1.3:3868 -s sed",
        "-A -t [2001:db8::1]:80 -s lc -p 60 -M 64",
        "-a -t [2001:db8::1]:80 -r [2001:db8::2]:80 -m -w 1",
        "-A -f 10 -s sh -b sh-fallback,sh-port",
        "-a -f 10 -r 10.0.0.5:0 -g -w 1",
        "-A -f 11 -6 -s mh -p 360 -b mh-port",
        "-a -f 11 -6 -r [2001:db8::2]:0 -g -w 1",
        "-A -f -1 -s rr",
        "-A -f 13 -6 -s rr -p 20 -M 96",
    })
    void ipvsadmSaveLinesRoundTrip(String line) {
        assertThat(IpvsadmSyntax.op(RestoreParser.parseLine(line))).isEqualTo(line);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-A -t 10.0.0.1:80|-A -t 10.0.0.1:80 -s wlc",
        "--add-service --tcp-service=10.0.0.1:80 --scheduler rr --persistent|-A -t 10.0.0.1:80 -s rr -p 360",
        "-a -t 10.0.0.1:80 -r 10.0.0.2|-a -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 1",
        "-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -g|-a -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 1",
        "-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m -x 10 -y 2 -w 3|-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m -w 3 -x 10 -y 2",
        "-e -t 10.0.0.1:80 -r 10.0.0.2:80 -m -w 0|-e -t 10.0.0.1:80 -r 10.0.0.2:80 -m -w 0",
        "-d -t 10.0.0.1:80 -r 10.0.0.2|-d -t 10.0.0.1:80 -r 10.0.0.2:80",
        "-D -u [::1]:53|-D -u [::1]:53",
        "-E -f 4294967295 -s sh -b sh-port|-E -f -1 -s sh -b sh-port",
        "--clear|-C",
        "-C|-C",
    })
    void defaultsAndLongFormsFollowIpvsadm(String in, String rendered) {
        assertThat(IpvsadmSyntax.op(RestoreParser.parseLine(in))).isEqualTo(rendered);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-A -t 10.0.0.1:80 -s wlc -q|unknown option '-q'",
        "-t 10.0.0.1:80|no command",
        "-A -t 10.0.0.1:80 -D|more than one command",
        "-A|needs a service",
        "-A -t host.example:80|numeric addresses only",
        "-A -t 10.0.0.1:99999|port must be 0..65535",
        "-A -t 2001:db8::1:80|must be in brackets",
        "-a -t 10.0.0.1:80|needs a real server",
        "-a -t 10.0.0.1:80 -r 10.0.0.2 -w 70000|weight must be 0..65535",
        "-a -t 10.0.0.1:80 -r 10.0.0.2 -g -m|more than one forwarding method",
        "-a -t 10.0.0.1:80 -r 10.0.0.2 -m -x 5 -y 9|lower threshold 9 is above upper threshold 5",
        "-a -t 10.0.0.1:80 -r [::2] -m|not in the service's address family",
        "-A -t 10.0.0.1:80 -o|only for UDP",
        "-A -t 10.0.0.1:80 -s rr -b sh-port|does not fit scheduler rr",
        "-A -t 10.0.0.1:80 -p 10 -M 255.0.0.300|bad netmask",
        "-A -t [::1]:80 -p 10 -M 129|IPv6 netmask (prefix length) must be 1..128",
        "-A -t 10.0.0.1:80 -s|option -s needs a value",
        "-A -f 0|fwmark must be 1..4294967295",
        "-a -t 10.0.0.1:80 -r 10.0.0.2 -s rr|takes no service options",
        "-A -t 10.0.0.1:80 -w 2|takes no real-server options",
        "-A -t 10.0.0.1:80 --tun-type gue|only ipip",
        "-A -u 10.0.0.1:80 --pe sip|--pe needs persistence",
    })
    void badLinesSayWhy(String line, String why) {
        assertThatThrownBy(() -> RestoreParser.parseLine(line)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }

    @Test
    void theWholeInputIsParsedFirstAndTheBadLineIsNamed() {
        String input = "# saved\n-A -t 10.0.0.1:80 -s rr\n\n-a -t 10.0.0.1:80 -r 10.0.0.2 -m\n-X nonsense\n-C\n";
        assertThatThrownBy(() -> RestoreParser.parse(input))
                .isInstanceOfSatisfying(RestoreParser.SyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.getMessage()).startsWith("line 5: ").contains("'-X'");
                });
    }

    @Test
    void rulesKeepTheirLineNumbers() throws Exception {
        List<RestoreParser.Rule> rules = RestoreParser.parseRules("\n# c\n-A -t 10.0.0.1:80 -s rr\n-C\n");
        assertThat(rules).extracting(RestoreParser.Rule::line).containsExactly(3, 4);
    }

    /** Randomly generated operations render to lines that parse back to the same operation. */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void randomOperationsRoundTripThroughIpvsadmSyntax(long seed) throws Exception {
        Random rnd = new Random(seed);
        List<IpvsOp> ops = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ops.add(RandomTables.op(rnd));
        }
        StringBuilder text = new StringBuilder();
        ops.forEach(op -> text.append(IpvsadmSyntax.op(op)).append('\n'));
        assertThat(RestoreParser.parse(text.toString())).isEqualTo(ops);
    }
}
