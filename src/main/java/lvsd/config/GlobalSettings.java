package lvsd.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import lvsd.inet.Family;

/**
 * The global (column-0) directives, defaults filled in from ldirectord's code. Values a virtual can override
 * are already merged into each {@link VirtualService}; they are kept here for the dump and for reload diffs.
 * {@code checkTimeout}/{@code negotiateTimeout} stay empty when unset because they default to each other.
 * A global fallback with port 0 takes each virtual's port. {@code maintenanceDirLine} is where maintenancedir was
 * set, for the warning the command layer gives when the directory is missing (the parser reads no disk).
 * Commands are kept as written (for the dump) and as the argv that is run ({@code callbackArgv}: empty = no
 * callback). {@code reloadGuard} (lvsd's own, default off as ldirectord has no such thing) refuses a reload that
 * would remove more than half of the virtual services.
 */
public record GlobalSettings(
        boolean autoReload,
        Optional<String> callback,
        List<String> callbackArgv,
        boolean cleanStop,
        String logFile,
        boolean supervised,
        boolean fork,
        Optional<String> maintenanceDir,
        Optional<SourcePos> maintenanceDirLine,
        boolean readdQuiescent,
        boolean quiescent,
        EmailAlert emailAlert,
        int checkInterval,
        OptionalInt checkTimeout,
        OptionalInt negotiateTimeout,
        int checkCount,
        int failureCount,
        Optional<Fallback> fallback,
        Optional<Fallback> fallback6,
        Optional<String> fallbackCommand,
        List<String> execute,
        int drainSeconds,
        int rise,
        boolean reloadGuard) {

    public GlobalSettings {
        Objects.requireNonNull(callback, "callback");
        callbackArgv = List.copyOf(callbackArgv);
        if (callback.isPresent() == callbackArgv.isEmpty()) {
            throw new IllegalArgumentException("callbackArgv is the callback split into words");
        }
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(maintenanceDir, "maintenanceDir");
        Objects.requireNonNull(maintenanceDirLine, "maintenanceDirLine");
        Objects.requireNonNull(emailAlert, "emailAlert");
        Objects.requireNonNull(checkTimeout, "checkTimeout");
        Objects.requireNonNull(negotiateTimeout, "negotiateTimeout");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(fallback6, "fallback6");
        Objects.requireNonNull(fallbackCommand, "fallbackCommand");
        execute = List.copyOf(execute);
        if (fallback.isPresent() && !Family.INET.matches(fallback.get().address())) {
            throw new IllegalArgumentException("fallback must be IPv4");
        }
        if (fallback6.isPresent() && !Family.INET6.matches(fallback6.get().address())) {
            throw new IllegalArgumentException("fallback6 must be IPv6");
        }
        if (checkInterval < 1 || checkCount < 1 || failureCount < 1 || rise < 1 || drainSeconds < 0) {
            throw new IllegalArgumentException("checkInterval, checkCount, failureCount, rise >= 1; drain >= 0");
        }
    }
}
