package lvsd.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import lvsd.control.ControlClient;
import lvsd.control.ControlProtocol;
import lvsd.status.StatusCodec;
import lvsd.status.StatusSnapshot;

/**
 * The daemons running on this machine, as {@code lvsd status} and {@code lvsd reload} find them: first every
 * control socket that answers ({@code /run/lvsd/*.sock}, {@code /run/lvsd@NAME/*.sock}), then the status files
 * of live daemons that have no socket (started with {@code --control-socket none}, or by an older lvsd).
 */
final class Daemons {
    private Daemons() {}

    /** How long one daemon may take to answer {@code status}. */
    static final Duration ASK_DEADLINE = Duration.ofSeconds(5);

    /**
     * One running daemon.
     *
     * @param socket where it answers; null when only its status file was found
     * @param statusFile the status file it was read from; null when it answered on its socket
     */
    record Found(StatusSnapshot snapshot, Path socket, Path statusFile) {
        String config() {
            return snapshot.daemon().config();
        }

        /** Where this view came from, for the daemon line. */
        String source() {
            return socket != null ? "socket " + socket : "status file " + statusFile;
        }
    }

    /** Asks the daemon on {@code socket} for its status. */
    static StatusSnapshot status(Path socket) throws IOException {
        String text = ControlClient.ask(socket, ControlProtocol.Command.STATUS, ASK_DEADLINE);
        ControlProtocol.Response r = ControlProtocol.parseResponse(text);
        if (!r.ok()) {
            throw new IOException(r.error());
        }
        return StatusCodec.read(ControlProtocol.member(text, "status"));
    }

    /** Every live daemon under RUN, ordered by config file; {@code problems} gets sockets that did not answer. */
    static List<Found> all(Path run, List<String> problems) {
        List<Found> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        try {
            for (Path socket : ControlClient.socketsUnder(run)) {
                try {
                    StatusSnapshot s = status(socket);
                    if (seen.add(s.daemon().pid())) {
                        out.add(new Found(s, socket, null));
                    }
                } catch (IOException | IllegalArgumentException e) {
                    if (!(e instanceof java.net.ConnectException) && !(e instanceof java.nio.file.NoSuchFileException)) {
                        problems.add(socket + ": " + e.getMessage());
                    } // refused: a dead daemon's socket file, not worth a line
                }
            }
            for (DaemonStatusFile f : DaemonStatusFile.allUnder(run)) {
                if (seen.add(f.pid())) {
                    out.add(new Found(f.snapshot(), null, f.path()));
                }
            }
        } catch (IOException e) {
            problems.add(run + ": " + e.getMessage());
        }
        out.sort((a, b) -> a.config().compareTo(b.config()));
        return out;
    }

    /**
     * The daemon that runs {@code config}: the one on {@code socket} when given, else the one on the config's
     * default socket, else whichever live daemon says it runs that file.
     */
    static Optional<Found> forConfig(Path run, Path config, Path socket, List<String> problems) {
        String wanted = config.toAbsolutePath().normalize().toString();
        if (socket != null) {
            try {
                return Optional.of(new Found(status(socket), socket, null));
            } catch (IOException | IllegalArgumentException e) {
                problems.add(socket + ": " + e.getMessage());
                return Optional.empty();
            }
        }
        Path usual = ControlClient.defaultSocketFor(run, config);
        try {
            StatusSnapshot s = status(usual);
            if (wanted.equals(s.daemon().config())) {
                return Optional.of(new Found(s, usual, null));
            }
        } catch (IOException | IllegalArgumentException e) {
            // not there: look at every daemon
        }
        return all(run, problems).stream().filter(f -> wanted.equals(f.config())).findFirst();
    }
}
