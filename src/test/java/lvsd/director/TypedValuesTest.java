package lvsd.director;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import lvsd.config.Config;
import lvsd.config.ConfigParser;
import lvsd.config.NameResolver;
import lvsd.config.ParseResult;
import lvsd.config.SchedFlag;
import lvsd.config.VirtualService;
import lvsd.ipvs.Service;
import org.junit.jupiter.api.Test;

/** Values the parser types (schedflags, netmask, commands) reach IPVS and the launchers as parsed. */
class TypedValuesTest {

    static Config parse(String text) {
        ParseResult r = new ConfigParser(NameResolver.system()).parseText("t.cf", text);
        assertThat(r.errors()).as("errors").isEmpty();
        return r.config();
    }

    @Test
    void schedFlagsAndNetmaskAreMappedFromTheirParsedValues() {
        Config c = parse("""
                virtual=192.0.2.1:80
                    real=192.0.2.10:80 gate
                    scheduler=sh
                    schedflags=SH-Port,flag-1,,flag-3
                    persistent=300
                    netmask=255.255.240.0
                virtual6=[2001:db8::1]:80
                    real6=[2001:db8::10]:80 gate
                    persistent=60
                    netmask=48
                """);
        VirtualService v4 = c.virtuals().get(0);
        assertThat(v4.schedFlagSet()).containsExactlyInAnyOrder(SchedFlag.FLAG_1, SchedFlag.FLAG_2, SchedFlag.FLAG_3);
        assertThat(v4.netmaskValue()).isEqualTo(OptionalInt.of(0xfffff000));
        Service s4 = ConfigMapping.service(v4);
        assertThat(s4.flags() & Service.F_SCHED_MASK).isEqualTo(Service.F_SCHED_MASK);
        assertThat(s4.netmask()).isEqualTo(0xfffff000);
        Service s6 = ConfigMapping.service(c.virtuals().get(1));
        assertThat(s6.flags() & Service.F_SCHED_MASK).isZero();
        assertThat(s6.netmask()).isEqualTo(48);
    }

    @Test
    void commandsAreArgvAsWritten() {
        Config c = parse("""
                callback="/usr/local/bin/reloaded --quiet"
                fallbackcommand="/usr/local/bin/sorry 'two words'"
                virtual=192.0.2.1:80
                    real=192.0.2.10:80 gate
                """);
        assertThat(c.globals().callbackArgv()).containsExactly("/usr/local/bin/reloaded", "--quiet");
        assertThat(c.virtuals().get(0).fallbackArgv()).containsExactly("/usr/local/bin/sorry", "two words");
        assertThat(c.virtuals().get(0).fallbackCommand()).contains("/usr/local/bin/sorry 'two words'");
        assertThat(c.virtuals().get(0).trackNames()).containsExactly("tcp:192.0.2.1:80", "192.0.2.1:80");
        assertThat(List.copyOf(parse("virtual=5\n    real=192.0.2.10 gate\n    servicename=mark\n")
                .virtuals().get(0).trackNames())).containsExactly("fwm:5", "5", "mark");
    }
}
