package lvsd.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigJsonTest {

    @Test
    void dumpIsDeterministic() {
        String text = "virtual=192.0.2.1:80\n\treal=192.0.2.10 gate\n\temailalertstatus=reloading,starting\n";
        String a = ConfigJson.dump(Parsing.ok(text));
        String b = ConfigJson.dump(Parsing.ok(text));
        assertThat(a).isEqualTo(b).contains("\"states\": [\n          \"starting\",\n          \"reloading\"\n");
    }

    @Test
    void dumpShowsTheReloadGuard() {
        String real = "virtual=192.0.2.1:80\n\treal=192.0.2.10 gate\n";
        assertThat(ConfigJson.dump(Parsing.ok("reload_guard=yes\n" + real))).contains("\"reload_guard\": true,");
        assertThat(ConfigJson.dump(Parsing.ok(real))).contains("\"reload_guard\": false,");
    }
}
