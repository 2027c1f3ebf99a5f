package lvsd.vrrp;

/** RFC states plus keepalived's FAULT (a weight-0 tracker failing, or the interface down). */
public enum VrrpState { INIT, BACKUP, MASTER, FAULT }
