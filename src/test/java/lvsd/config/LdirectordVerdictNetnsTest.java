package lvsd.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ldirectord as the oracle for what it accepts: each snippet is given to the real ldirectord ({@code status},
 * which parses the file first and exits 2 on a config error, else 3 "stopped") and to lvsd's parser, and
 * both verdicts must be the ones in the table. lvsd's verdict is ok, warn (accepted with a warning) or reject; the
 * last column, where given, is part of lvsd's message for the row. Rows where the two differ are lvsd's
 * documented quirks (docs/config.md §5, sorted there the same way) and extensions. ldirectord runs in a fresh network namespace without any interface, so
 * a name lookup cannot leave the machine; lvsd resolves through the fixed test table. Needs root (netns suite).
 */
@Tag("netns")
class LdirectordVerdictNetnsTest {

    private static final String V = "virtual=192.0.2.1:80\\n\\treal=192.0.2.10:80 gate\\n";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "[{index}] ldirectord {1}, lvsd {2}: {0}")
    @CsvSource(delimiter = '|', value = {
        // both accept
        V + "                                                           | ok     | ok |",
        V + "\\tscheduler=wlc\\n\\tpersistent=300\\n\\tnetmask=255.255.255.0 | ok     | ok |",
        "virtual=192.0.2.1:80\\n  \\treal=192.0.2.10:80 masq 5 \"/h\", \"ok\" l:1 u:5\\n | ok | ok |",
        "virtual=192.0.2.1:80\\n# comment\\n\\t# comment\\n\\treal=192.0.2.10 gate\\n | ok | ok |",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10->192.0.2.12 ipip 2\\n | ok | ok |",
        "virtual=1\\n\\treal=192.0.2.10 gate\\n\\tprotocol=fwm\\n\\tchecktype=3\\n | ok | ok |",
        "virtual6=[2001:db8::1]:80\\n\\treal6=[2001:db8::2]:80 masq\\n\\tnetmask=64\\n | ok | warn | netmask has no effect without persistent",
        "virtual6=5\\n\\treal6=[2001:db8::2] gate\\n                   | ok     | ok |",
        "virtual=192.0.2.1:53\\n\\treal=192.0.2.10 gate\\n\\tops=yes\\n | ok     | ok |",
        "virtual=192.0.2.1:http\\n\\treal=localhost:http gate\\n\\tservice=http\\n | ok | ok |",
        "fallback=127.0.0.1:80 gate\\nquiescent=yes\\ncleanstop=no\\n" + V + " | ok | ok |",
        "emailalertstatus=starting, running\\nemailalertfreq=60\\n" + V + " | ok | ok |",
        V + "\\thttpmethod=head\\n\\tcheckcommand=/bin/check --x\\n        | ok     | ok |",
        V + "\\tchecktype=external-perl\\n\\tcheckcommand=\"/bin/check\"\\n   | ok     | ok |",
        V + "\\trequest=\"index.html\"\\n\\treceive=\"up\"\\n\\tvirtualhost=\"www\"\\n | ok | ok |",
        "checktimeout=3\\nnegotiatetimeout=9\\nfailurecount=2\\n" + V + "\\tchecktimeout=4\\n | ok | ok |",
        // both reject
        "connecttimeout=5\\n" + V + "                                  | reject | reject |",
        "timeout=5\\n" + V + "                                         | reject | reject |",
        "frobnicate=1\\n" + V + "                                      | reject | reject |",
        V + "\\tfrobnicate=1\\n                                            | reject | reject |",
        V + "\\tconnecttimeout=5\\n                                        | reject | reject |",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10 gateway\\n          | reject | reject |",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10 gate 1 extra\\n     | reject | reject |",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.20->192.0.2.10 gate\\n | reject | reject |",
        "quiescent=maybe\\n" + V + "                                   | reject | reject |",
        V + "\\trequest=index.html\\n                                      | reject | reject |",
        V + "\\treceive=\"\"\\n                                            | reject | reject |",
        V + "\\tlogin=admin\\n                                             | reject | reject |",
        V + "\\tprotocol=icmp\\n                                           | reject | reject |",
        V + "\\tservice=telnet\\n                                          | reject | reject |",
        V + "\\tchecktype=bogus\\n                                         | reject | reject |",
        V + "\\thttpmethod=POST\\n                                         | reject | reject |",
        V + "\\tnetmask=255.255.255\\n                                     | reject | reject |",
        V + "\\treal6=[2001:db8::2] gate\\n                                | reject | reject |",
        V + "\\tfallback6=[::1]:80\\n                                      | reject | reject |",
        "virtual=[2001:db8::1]:80\\n\\treal=192.0.2.10 gate\\n         | reject | reject |",
        "virtual=1\\n\\treal=192.0.2.10 gate\\n\\tprotocol=tcp\\n      | reject | reject |",
        V + V + "                                                       | reject | reject |",
        "emailalertstatus=none,all\\n" + V + "                         | reject | reject |",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10 gate\\n\\n\\tscheduler=rr\\n | reject | reject |",
        "virtual=192.0.2.1:80\\n  real=192.0.2.10 gate\\n              | reject | reject |",
        V + "\\tchecktimeout=0\\n                                          | reject | reject |",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10:99999 gate\\n       | reject | reject |",
        // (a) ldirectord's reading is what the writer meant: lvsd reads the same, with a warning (docs/config.md §5)
        "checktimeout=3s\\n" + V + "                                  | ok     | warn   | read as 3 seconds",
        V + "\\tnegotiatetimeout=5 sec\\n                                 | ok     | warn   | read as 5 seconds",
        V + "\\tpersistent=300s\\n                                        | ok     | warn   | read as 300 seconds",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10 gate -w 5\\n        | ok     | warn   | read as the weight 5",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10 gate web1 5\\n      | ok     | warn   | \"web1\" in the real server line is ignored",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10 gate junk l:5 u:9\\n| ok     | warn   | \"junk\" in the real server line is ignored",
        "virtual=192.0.2.1:80 junk\\n\\treal=192.0.2.10 gate\\n        | ok     | warn   | \"junk\" after the virtual service",
        "smtp=mail.example.test:25\\n" + V + "                        | ok     | warn   | read as the server mail.example.test",
        V + "\\tscheduler=\"wlc\"\\n                                      | ok     | warn   | read as wlc",
        "checktimeout=3\\r\\nvirtual=192.0.2.1:80\\r\\n\\treal=192.0.2.10:80 gate 2\\r\\n | ok | warn | DOS line endings",
        V + "\\tchecktype=0\\n                                            | ok     | warn   | checktype=0 means negotiate",
        V + "\\tcheckinterval=5\\n                                        | ok     | warn   | unless fork=yes",
        "supervised\\n" + V + "                                       | ok     | warn   | bare \"supervised\"",
        "execute=/etc/other.cf\\n" + V + "                            | ok     | warn   | execute= (starting further",
        "virtual=192.0.2.1:3306\\n\\treal=192.0.2.10 gate\\n         | ok     | warn   | it can never pass",
        V + "\\tfallbackcommand=\"/bin/true\"\\n                        | ok     | ok |",
        // (b) ldirectord silently misreads: lvsd refuses, saying what ldirectord would have done
        V + "\\tpersistent=10m\\n                                         | ok     | reject | for 10 minutes write persistent=600",
        V + "\\tchecktimeout=3.5\\n                                       | ok     | reject | read it as checktimeout=3",
        V + "\\tfailurecount=3x\\n                                        | ok     | reject | read it as failurecount=3",
        V + "\\tcheckport=80x\\n                                          | ok     | reject | read it as checkport=80",
        "emailalertfreq=10x\\n" + V + "                               | ok     | reject | read it as emailalertfreq=10",
        V + "\\tscheduler=Wlc\\n                                          | ok     | reject | the scheduler \"lc\"",
        V + "\\tscheduler=r2r\\n                                          | ok     | reject | the scheduler \"r\"",
        V + "\\tchecktype=bogus3\\n                                       | ok     | reject | read it as checktype=3",
        V + "\\tchecktype=connect2\\n                                     | ok     | reject | read it as checktype=2",
        V + "\\tchecktype=negotiate,connect\\n                            | ok     | reject | read it as checktype=negotiate",
        V + "\\tprotocol=tcp;\\n                                        | ok     | reject | read it as protocol=tcp",
        V + "\\tservice=http,https\\n                                   | ok     | reject | read it as service=http",
        V + "\\thttpmethod=get;\\n                                       | ok     | reject | read it as httpmethod=GET",
        "virtual=192.168.10.10\\n\\treal=192.0.2.10 gate\\n           | ok     | reject | the firewall mark 192",
        "virtual=12abc\\n\\treal=192.0.2.10 gate\\n                   | ok     | reject | the firewall mark 12",
        "virtual=192.0.2.1:80;x\\n\\treal=192.0.2.10 gate\\n          | ok     | reject | ignore \";x\"",
        "virtual=192.0.2.1:5060\\n\\treal=192.0.2.2::5060 gate\\n     | ok     | reject | 0.0.19.196, port 0",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10 gate \"/a\", \"ok\" 3\\n | ok | reject | weight 3, no request/receive",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10 gate u:5 l:3\\n    | ok     | reject | dropping \"u:5\"",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10 gate \"/x 5\", \"ok\" l:3\\n | ok | reject | read this line differently",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10 gate l:5\\n         | ok     | reject | needs an upper threshold u:",
        V + "\\tnetmask=255.255.255.256\\n                                | ok     | reject | ipvsadm then refuses",
        V + "\\tops=yes\\n                                                | ok     | reject | ipvsadm then fails",
        "virtual=192.0.2.2:0\\n\\treal=192.0.2.10 gate\\n             | ok     | reject | ipvsadm then refuses",
        V + "\\tpersistent=0\\n                                           | ok     | reject | ipvsadm then refuses",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10 gate 70000\\n      | ok     | reject | ipvsadm then refuses the weight",
        "smtp=mail.example.test:587\\n" + V + "                       | ok     | reject | ignoring \":587\"",
        "smtp=mail server\\n" + V + "                                 | ok     | reject | send to mail on port 25",
        V + "\\tschedflags=bogus\\n                                     | ok     | reject | invalid schedflags",
        "fallback6=::1\\n" + V + "                                    | reject | reject | must be written in brackets",
        // lvsd is more lenient: it reads the line, and warns that ldirectord would reject it
        "quiescent=yes # comment\\n" + V + "                          | reject | warn   | comment after a global directive",
        "quiescent=yes \\n" + V + "                                   | reject | warn   | trailing blanks",
        "quiescent=\"yes\"\\n" + V + "                                | reject | warn   | the quotes are part of it",
        "virtual=192.0.2.1:53\\n\\treal=192.0.2.10 gate\\n\\tops=yes \\n | reject | warn | trailing blanks",
        "virtual=192.0.2.1:80\\r\\n\\treal=192.0.2.10 gate\\r\\n\\tquiescent=no\\r\\n | reject | warn | the CR of a DOS line ending",
        V + "\\treceive=\"a\\tb\"\\n                                       | ok     | warn   | a tab inside quotes is kept",
        V + "\\tpersistent=60\\n\\tnetmask=255.255.255.0 \\n                | reject | warn   | ldirectord would reject",
        "emailalertstatus=all\\r\\n" + V + "                          | reject | warn   | the CR of a DOS line ending",
        "virtual=192.0.2.1:80\\r\\n\\treal=192.0.2.10 gate\\r\\n\\tchecktype=external\\r\\n\\tcheckcommand=/bin/true\\r\\n | ok | warn | keeps the CR",
        V + "\\tpasswd=\"a#b\"\\n                                         | reject | warn   | inside quotes is kept",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10 gate \"/x 5\", \"ok\"\\n | reject | warn | ldirectord would reject this line",
        // lvsd's own directives: ldirectord does not know them
        "drain=30\\nrise=2\\n" + V + "                                | reject | ok |",
        "strict=yes\\n" + V + "                                       | reject | ok |",
        "strict=yes\\ncheckinterval=5\\nchecktimeout=3s\\n" + V + "      | reject | reject | strict: checktimeout=3s",
        V + "vrrp_instance=VI_1\\n\\tstate=BACKUP\\n\\tinterface=eth0\\n\\tvirtual_router_id=51\\n\\tpriority=100\\n"
                + "\\tvirtual_ipaddress=192.0.2.100/24\\n                           | reject | ok |",
        // both reject: the one parse reads the VRRP blocks too (an incomplete instance is a file:line error)
        V + "vrrp_instance=VI_1\\n\\tstate=BACKUP\\n                     | reject | reject |",
        // both reject: 1-3 spaces are no indentation for either (a tab after a blank is)
        "checktimeout=3\\n  negotiatetimeout=5\\n" + V + "          | reject | reject | indented by 2 columns",
        "virtual=192.0.2.1:80\\n   real=192.0.2.10 gate\\n            | reject | reject | indented by 3 columns",
        "virtual=192.0.2.1:80\\n \\treal=192.0.2.10 gate\\n           | ok     | ok |",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10 gate 5 web1\\n      | reject | reject | unexpected \"web1\"",
    })
    void verdictsMatchTheTable(String snippet, String ldirectord, String lvsd, String message) throws Exception {
        String text = snippet.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r");
        Path cf = tmp.resolve("t.cf");
        // ldirectord opens its log file while parsing: keep it in the test's directory
        Files.writeString(cf, "logfile=\"" + tmp.resolve("ld.log") + "\"\n" + text, StandardCharsets.UTF_8);

        ParseResult ours = new ConfigParser(StaticResolver.corpus()).parseFile(cf);
        String verdict = !ours.ok() ? "reject" : ours.warnings().isEmpty() ? "ok" : "warn";
        assertThat(verdict).as("lvsd: %s", ours.diagnostics()).isEqualTo(lvsd);
        if (message != null) {
            // the explanation is at a line of the file: "t.cf:N: [warning: ]..."
            assertThat(ours.diagnostics()).as("lvsd's diagnostics").anySatisfy(d -> {
                assertThat(d.toString()).startsWith(cf + ":" + d.pos().line() + ": ").contains(message);
                assertThat(d.isError()).isEqualTo(lvsd.equals("reject"));
            });
        }
        if (verdict.equals("warn")) {
            // strict mode (check-config --strict, strict=yes) refuses exactly what warns
            assertThat(ours.asStrict().ok()).as("strict: %s", ours.asStrict().diagnostics()).isFalse();
        } else if (verdict.equals("ok")) {
            assertThat(ours.asStrict().ok()).isTrue();
        }

        assertThat(new File("/usr/sbin/ldirectord").canExecute()).as("ldirectord installed").isTrue();
        Process p = new ProcessBuilder("unshare", "--net", "/usr/sbin/ldirectord", cf.toString(), "status")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // 2: configuration error; 3: parsed fine, daemon not running
        assertThat(p.exitValue()).as("ldirectord exit status; output: %s", out).isIn(2, 3);
        assertThat(p.exitValue() == 3 ? "ok" : "reject").as("ldirectord: %s", out).isEqualTo(ldirectord);
    }
}
