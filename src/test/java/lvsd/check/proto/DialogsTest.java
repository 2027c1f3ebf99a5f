package lvsd.check.proto;

import static org.assertj.core.api.Assertions.assertThat;

import lvsd.check.CheckResult;
import org.junit.jupiter.api.Test;

class DialogsTest {
    @Test
    void passiveModeRepliesGiveTheDataPort() {
        assertThat(Dialogs.pasvPort("227 Entering Passive Mode (127,0,0,1,195,80).")).isEqualTo(195 * 256 + 80);
        assertThat(Dialogs.pasvPort("500 no")).isEqualTo(-1);
        assertThat(Dialogs.epsvPort("229 Entering Extended Passive Mode (|||50000|)")).isEqualTo(50000);
    }

    @Test
    void sipNeedsExactly200Ok() {
        assertThat(Dialogs.sipStatus("SIP/2.0 200 OK")).isEqualTo(CheckResult.Up.PLAIN);
        assertThat(Dialogs.sipStatus("SIP/2.0 404 Not Found")).isInstanceOf(CheckResult.Down.class);
    }

    @Test
    void imapStringsAreQuoted() {
        assertThat(Dialogs.imapString("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }
}
