package lvsd.config;

/** Daemon states in which e-mail alerts are sent ({@code emailalertstatus}). */
public enum AlertState {
    STARTING,
    RUNNING,
    STOPPING,
    RELOADING;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
