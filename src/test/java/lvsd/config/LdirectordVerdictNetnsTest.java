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
 * both verdicts must be the ones in the table. Rows where they differ are lvsd's documented quirks
 * (docs/config.md §5) and extensions. ldirectord runs in a fresh network namespace without any interface, so
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
        V + "                                                           | ok     | ok",
        V + "\\tscheduler=wlc\\n\\tpersistent=300\\n\\tnetmask=255.255.255.0 | ok     | ok",
        "virtual=192.0.2.1:80\\n  \\treal=192.0.2.10:80 masq 5 \"/h\", \"ok\" l:1 u:5\\n | ok | ok",
        "virtual=192.0.2.1:80\\n# comment\\n\\t# comment\\n\\treal=192.0.2.10 gate\\n | ok | ok",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10->192.0.2.12 ipip 2\\n | ok | ok",
        "virtual=1\\n\\treal=192.0.2.10 gate\\n\\tprotocol=fwm\\n\\tchecktype=3\\n | ok | ok",
        "virtual6=[2001:db8::1]:80\\n\\treal6=[2001:db8::2]:80 masq\\n\\tnetmask=64\\n | ok | ok",
        "virtual6=5\\n\\treal6=[2001:db8::2] gate\\n                   | ok     | ok",
        "virtual=192.0.2.1:53\\n\\treal=192.0.2.10 gate\\n\\tops=yes\\n | ok     | ok",
        "virtual=192.0.2.1:http\\n\\treal=localhost:http gate\\n\\tservice=http\\n | ok | ok",
        "supervised\\n" + V + "                                             | ok     | ok",
        "fallback=127.0.0.1:80 gate\\nquiescent=yes\\ncleanstop=no\\n" + V + " | ok | ok",
        "emailalertstatus=starting, running\\nemailalertfreq=60\\n" + V + " | ok | ok",
        V + "\\thttpmethod=head\\n\\tcheckcommand=/bin/check --x\\n        | ok     | ok",
        V + "\\tchecktype=external-perl\\n\\tcheckcommand=\"/bin/check\"\\n   | ok     | ok",
        V + "\\trequest=\"index.html\"\\n\\treceive=\"up\"\\n\\tvirtualhost=\"www\"\\n | ok | ok",
        "checktimeout=3\\nnegotiatetimeout=9\\nfailurecount=2\\n" + V + "\\tchecktimeout=4\\n | ok | ok",
        // both reject
        "connecttimeout=5\\n" + V + "                                  | reject | reject",
        "timeout=5\\n" + V + "                                         | reject | reject",
        "frobnicate=1\\n" + V + "                                      | reject | reject",
        V + "\\tfrobnicate=1\\n                                            | reject | reject",
        V + "\\tconnecttimeout=5\\n                                        | reject | reject",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10 gateway\\n          | reject | reject",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10 gate 1 extra\\n     | reject | reject",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.20->192.0.2.10 gate\\n | reject | reject",
        "quiescent=maybe\\n" + V + "                                   | reject | reject",
        V + "\\trequest=index.html\\n                                      | reject | reject",
        V + "\\treceive=\"\"\\n                                            | reject | reject",
        V + "\\tlogin=admin\\n                                             | reject | reject",
        V + "\\tprotocol=icmp\\n                                           | reject | reject",
        V + "\\tservice=telnet\\n                                          | reject | reject",
        V + "\\tchecktype=bogus\\n                                         | reject | reject",
        V + "\\thttpmethod=POST\\n                                         | reject | reject",
        V + "\\tnetmask=255.255.255\\n                                     | reject | reject",
        V + "\\treal6=[2001:db8::2] gate\\n                                | reject | reject",
        V + "\\tfallback6=[::1]:80\\n                                      | reject | reject",
        "virtual=[2001:db8::1]:80\\n\\treal=192.0.2.10 gate\\n         | reject | reject",
        "virtual=1\\n\\treal=192.0.2.10 gate\\n\\tprotocol=tcp\\n      | reject | reject",
        V + V + "                                                       | reject | reject",
        "emailalertstatus=none,all\\n" + V + "                         | reject | reject",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10 gate\\n\\n\\tscheduler=rr\\n | reject | reject",
        "virtual=192.0.2.1:80\\n  real=192.0.2.10 gate\\n              | reject | reject",
        V + "\\tchecktimeout=0\\n                                          | reject | reject",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10:99999 gate\\n       | reject | reject",
        // ldirectord misreads silently, lvsd rejects (docs/config.md §5)
        "checktimeout=3s\\n" + V + "                                   | ok     | reject",
        V + "\\tpersistent=10m\\n                                          | ok     | reject",
        "virtual=192.0.2.1:5060\\n\\treal=192.0.2.2::5060 gate\\n      | ok     | reject",
        "virtual=192.0.2.1:80 junk\\n\\treal=192.0.2.10 gate\\n        | ok     | reject",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10 gate \"/a\", \"ok\" 3\\n | ok | reject",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10 gate junk l:5\\n    | ok     | reject",
        V + "\\tnetmask=255.255.255.256\\n                                 | ok     | reject",
        V + "\\tops=yes\\n                                                 | ok     | reject",
        "virtual=192.0.2.2:0\\n\\treal=192.0.2.10 gate\\n              | ok     | reject",
        V + "\\tpersistent=0\\n                                            | ok     | reject",
        "virtual=192.0.2.1:80\\n\\treal=192.0.2.10 gate 70000\\n       | ok     | reject",
        "smtp=mail.example.test:25\\n" + V + "                        | ok     | reject",
        "emailalertfreq=10x\\n" + V + "                               | ok     | reject",
        // ldirectord rejects, lvsd accepts (lvsd reads it unambiguously, with a warning where useful)
        "quiescent=yes # comment\\n" + V + "                           | reject | ok",
        "quiescent=yes \\n" + V + "                                    | reject | ok",
        V + "\\tpasswd=\"a#b\"\\n                                          | reject | ok",
        "drain=30\\nrise=2\\n" + V + "                                 | reject | ok",
        V + "vrrp_instance=VI_1\\n\\tstate=BACKUP\\n\\tinterface=eth0\\n\\tvirtual_router_id=51\\n\\tpriority=100\\n"
                + "\\tvirtual_ipaddress=192.0.2.100/24\\n                           | reject | ok",
        // both reject: the one parse reads the VRRP blocks too (an incomplete instance is a file:line error)
        V + "vrrp_instance=VI_1\\n\\tstate=BACKUP\\n                     | reject | reject",
    })
    void verdictsMatchTheTable(String snippet, String ldirectord, String lvsd) throws Exception {
        String text = snippet.replace("\\n", "\n").replace("\\t", "\t");
        Path cf = tmp.resolve("t.cf");
        // ldirectord opens its log file while parsing: keep it in the test's directory
        Files.writeString(cf, "logfile=\"" + tmp.resolve("ld.log") + "\"\n" + text, StandardCharsets.UTF_8);

        ParseResult ours = new ConfigParser(StaticResolver.corpus()).parseFile(cf);
        assertThat(ours.ok() ? "ok" : "reject").as("lvsd: %s", ours.diagnostics()).isEqualTo(lvsd);

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
