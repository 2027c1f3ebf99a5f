package lvsd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lvsd.config.ConfigParser;
import lvsd.config.ParseResult;
import lvsd.director.MaintenanceSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceDirTest {

    @TempDir
    Path dir;

    @Test
    void scanListsTheDirectory() throws IOException {
        Files.createFile(dir.resolve("10.0.0.2:80"));
        Files.createFile(dir.resolve("web1"));
        MaintenanceSet set = MaintenanceDir.scan(dir);
        assertThat(set.fileNames()).containsExactlyInAnyOrder("10.0.0.2:80", "web1");
    }

    @Test
    void scanOfMissingDirectoryIsEmpty() throws IOException {
        assertThat(MaintenanceDir.scan(dir.resolve("nope")).fileNames()).isEmpty();
        assertThat(MaintenanceDir.scan(null)).isEqualTo(MaintenanceSet.EMPTY);
    }

    @Test
    void aMissingDirectoryIsAWarningAtTheLineThatSetItInLineOrder() {
        Path missing = dir.resolve("maint");
        String text = "supervised\nvirtual=192.0.2.1:80\n\treal=192.0.2.10 gate\nmaintenancedir=" + missing + "\n";
        ParseResult r = new ConfigParser(lvsd.config.NameResolver.system()).parseText("x.cf", text);
        assertThat(MaintenanceDir.withDiskWarnings(r)).extracting(Object::toString).containsExactly(
                "x.cf:1: warning: a bare \"supervised\" means supervised=yes; please write supervised=yes",
                "x.cf:4: warning: maintenance directory " + missing + " does not exist");
    }

    @Test
    void anExistingDirectoryOrNoneGivesNoWarning() {
        String v = "virtual=192.0.2.1:80\n\treal=192.0.2.10 gate\n";
        ConfigParser p = new ConfigParser(lvsd.config.NameResolver.system());
        assertThat(MaintenanceDir.withDiskWarnings(p.parseText("x.cf", "maintenancedir=" + dir + "\n" + v)))
                .isEmpty();
        assertThat(MaintenanceDir.withDiskWarnings(p.parseText("x.cf", v))).isEmpty();
    }
}
