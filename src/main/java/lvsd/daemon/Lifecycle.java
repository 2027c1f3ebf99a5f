package lvsd.daemon;

import java.time.Duration;
import java.util.List;

/** The loop's side effects outside the kernel: service-manager notifications and launched programs. */
public interface Lifecycle {

    /** Start-up or a reload finished (sd_notify READY=1). */
    void ready(String status);

    /** A reload started (sd_notify RELOADING=1). */
    void reloading();

    /** Shutdown started (sd_notify STOPPING=1). */
    void stopping();

    /** Starts a program (callback=) in the background; it is killed with its children after {@code deadline}. */
    void launch(List<String> argv, Duration deadline);

    /** The daemon's state changed: refresh the status file. */
    void stateChanged(DaemonState state);

    Lifecycle NONE = new Lifecycle() {
        @Override
        public void ready(String status) {}

        @Override
        public void reloading() {}

        @Override
        public void stopping() {}

        @Override
        public void launch(List<String> argv, Duration deadline) {}

        @Override
        public void stateChanged(DaemonState state) {}
    };
}
