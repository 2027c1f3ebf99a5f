package lvsd.daemon;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import lvsd.control.ControlProtocol;
import lvsd.control.ControlProtocol.Command;
import lvsd.control.ControlServer;
import lvsd.status.StatusCodec;
import lvsd.status.StatusSnapshot;

/**
 * What the control socket's commands do in the daemon. {@code status} and {@code checks} render the latest
 * snapshot on the control thread (it is immutable); {@code reload} and {@code dump} go through the event loop,
 * which answers once it has the outcome, so a reload's answer is the reload's real result. SIGUSR1 writes the
 * same dump to the log.
 */
final class DaemonControl implements ControlServer.Handler {

    private final DaemonLoop<?> loop;
    private final Supplier<StatusSnapshot> latest;
    private final DaemonLog log;

    DaemonControl(DaemonLoop<?> loop, Supplier<StatusSnapshot> latest, DaemonLog log) {
        this.loop = loop;
        this.latest = latest;
        this.log = log;
    }

    @Override
    public CompletableFuture<String> handle(Command command) {
        return switch (command) {
            case STATUS -> CompletableFuture.completedFuture(
                    ControlProtocol.ok(command, Map.of("status", StatusCodec.write(latest.get()))));
            case CHECKS -> CompletableFuture.completedFuture(
                    ControlProtocol.ok(command, Map.of("checks", StatusCodec.writePart(latest.get().checks()))));
            case RELOAD -> {
                CompletableFuture<String> f = new CompletableFuture<>();
                loop.requestReload("lvsd reload", o -> f.complete(
                        ControlProtocol.ok(command, Map.of("reload", ControlProtocol.reloadJson(o)))));
                yield f;
            }
            case DUMP -> {
                CompletableFuture<String> f = new CompletableFuture<>();
                loop.requestConfigDump(config -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    m.put("status", StatusCodec.write(latest.get()));
                    m.put("config", config);
                    f.complete(ControlProtocol.ok(command, m));
                });
                yield f;
            }
        };
    }

    /** SIGUSR1: the dump, as two log lines (the status document, then the config in force). */
    void dumpToLog() {
        loop.requestConfigDump(config -> {
            log.info("dump (SIGUSR1): status " + StatusCodec.write(latest.get()).strip());
            log.info("dump (SIGUSR1): config " + config.strip().replaceAll("\\n\\s*", " "));
        });
    }
}
