package lvsd.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import lvsd.clock.Ticker;
import lvsd.config.ConfigParser;
import lvsd.config.ParseResult;
import lvsd.config.VrrpConfig;
import lvsd.config.Words;
import lvsd.sys.AtomicFile;
import lvsd.sys.GroupLauncher;
import lvsd.vrrp.ConnectionSync;
import lvsd.vrrp.VirtualHealth;
import lvsd.vrrp.VrrpIoException;
import lvsd.vrrp.VrrpService;
import lvsd.vrrp.sys.LinuxVrrpIo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lvsd vrrp-run -f FILE}: VRRP alone, until SIGTERM/SIGINT (graceful: priority 0, VIPs removed). Hidden:
 * the daemon's {@code lvsd run} folds this in; it exists for the namespace tests and VRRP-only nodes meanwhile.
 */
@Command(name = "vrrp-run", hidden = true, description = "Run only the VRRP instances of FILE (testing aid).")
public final class VrrpRunCommand implements Callable<Integer> {
    @Option(names = {"-f", "--config"}, required = true, description = "ldirectord.cf-style file")
    Path file;

    @Option(names = "--status-file", description = "rewrite this file with states and counters every 100 ms")
    Path statusFile;

    @Option(names = "--virtual-health", description = "track_virtual input: lines 'NAME up|down' (re-read often)")
    Path virtualHealth;

    @Override
    public Integer call() throws Exception {
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        ParseResult parsed = ConfigParser.parse(file);
        parsed.diagnostics().forEach(System.err::println);
        if (!parsed.ok()) {
            return Main.EXIT_BAD_INPUT;
        }
        VrrpConfig vrrp = parsed.config().vrrp();
        if (vrrp.isEmpty()) {
            System.err.println(file + ": no vrrp_instance blocks");
            return Main.EXIT_BAD_INPUT;
        }
        GroupLauncher launcher = new GroupLauncher();
        VrrpService svc;
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean died = new AtomicBoolean();
        try {
            // a dead VRRP thread (it has released its VIPs) ends the command with exit status 1
            svc = VrrpService.start(vrrp, LinuxVrrpIo.open(), Ticker.SYSTEM, health(), ConnectionSync.NONE,
                    launcher, null, t -> {
                        died.set(true);
                        done.countDown();
                    });
        } catch (VrrpIoException e) {
            System.err.println("lvsd vrrp-run: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            svc.close();
            launcher.close();
            writeStatus(svc);
            done.countDown();
        }, "vrrp-stop"));
        while (done.getCount() > 0) {
            writeStatus(svc);
            svc.trackersChanged(); // picks up --virtual-health edits without waiting for the poll
            Thread.sleep(100); // a reporting period, not synchronisation
        }
        if (died.get()) {
            System.err.println("lvsd vrrp-run: the VRRP thread failed (VIPs released); exit status 1");
            return 1;
        }
        return 0;
    }

    private VirtualHealth health() {
        if (virtualHealth == null) {
            return VirtualHealth.ALL_HEALTHY;
        }
        Map<String, Boolean> cache = new HashMap<>();
        long[] readAt = {0};
        return name -> {
            long now = System.nanoTime();
            if (now - readAt[0] > 50_000_000L || readAt[0] == 0) {
                readAt[0] = now;
                cache.clear();
                try {
                    for (String l : Files.readAllLines(virtualHealth, StandardCharsets.UTF_8)) {
                        List<String> w = Words.split(l);
                        if (w.size() == 2) {
                            cache.put(w.get(0), w.get(1).equals("up"));
                        }
                    }
                } catch (Exception e) {
                    // unreadable: every virtual counts as unhealthy, which is the safe side
                }
            }
            return cache.getOrDefault(name, false);
        };
    }

    private synchronized void writeStatus(VrrpService svc) {
        if (statusFile == null) {
            return;
        }
        try {
            AtomicFile.write(statusFile, svc.status(), AtomicFile.Durability.VISIBLE);
        } catch (IOException e) {
            // the status file is a convenience; VRRP goes on
        }
    }
}
