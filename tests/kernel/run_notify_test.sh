# `lvsd run` under a service manager's $NOTIFY_SOCKET, with the real kernel: the datagrams lvsd sends through
# start, a SIGHUP reload, a SIGHUP reload of a bad file and SIGTERM, in order, and the watchdog pings that
# $WATCHDOG_USEC asks for. The socket is bound by a small python reader, as systemd binds its own. (The
# watchdog withholding pings for a wedged thread is SystemdNotifyTest's: a 1 s heartbeat rule is not
# something to time in the emulated VM.)
source "$REPO/tests/kernel/run-daemon.bash"

_cf() {
    cat <<CF
autoreload=no
virtual=192.168.10.1:80
    checktype=on
    real=10.0.0.2:80 gate $1
CF
}

# _notify_reader SOCKET LOG: binds SOCKET, appends each datagram to LOG followed by a line "--".
_notify_reader() {
    /usr/bin/python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "a") as out:
    while True:
        out.write(s.recv(4096).decode() + "\n--\n")
        out.flush()
' "$1" "$2" &
    defer kill $!
    wait_for 120 test -S "$1"
}

# _messages: the datagrams but the watchdog pings, one per line, their lines joined with "|".
_messages() {
    awk '/^--$/ { if (m != "WATCHDOG=1") print m; m = ""; next } { m = (m == "" ? $0 : m "|" $0) }' "$TEST_TMP/notify.log"
}

# _at_least N PATTERN: at least N messages match PATTERN (for wait_for: evaluated on every try).
_at_least() {
    (($(_messages | grep -c "$2" || true) >= $1))
}

test_notify_messages_in_order_through_start_reload_rejected_reload_and_stop() {
    ipvs_dummy
    _cf 1 | write_cf
    # a socket path has at most 107 bytes, and $TEST_TMP is longer
    local sock
    sock=$(mktemp -u /tmp/lvsd-notify.XXXXXX)
    defer rm -f "$sock"
    _notify_reader "$sock" "$TEST_TMP/notify.log"
    export NOTIFY_SOCKET=$sock WATCHDOG_USEC=30000000
    run_start
    wait_for 120 grep -q '^READY=1$' "$TEST_TMP/notify.log"
    assert_eq "READY=1|STATUS=running: config generation 1 applied|MAINPID=$DAEMON_PID" "$(_messages)" "after start"
    ipvsadm-save -n | grep -q -- "-a -t 192.168.10.1:80 -r 10.0.0.2:80 -g -w 1" || fail "READY=1 before the table"

    _cf 4 | write_cf
    kill -HUP "$DAEMON_PID"
    wait_for 120 _at_least 2 '^READY=1'
    _cf 4 | sed 's/checktype=on/checktype=nonsense/' | write_cf
    kill -HUP "$DAEMON_PID"
    wait_for 120 _at_least 3 '^READY=1'
    run_stop TERM || fail "lvsd run exited $? at SIGTERM"
    # SIGTERM's STOPPING=1 went out before the clean stop, so it is in the log by the time the process exited
    wait_for 30 grep -q '^STOPPING=1$' "$TEST_TMP/notify.log"

    _messages >"$TEST_TMP/seq"
    sed -E 's/MONOTONIC_USEC=[0-9]+/MONOTONIC_USEC=N/' "$TEST_TMP/seq" >"$TEST_TMP/got"
    cat >"$TEST_TMP/want" <<W
READY=1|STATUS=running: config generation 1 applied|MAINPID=$DAEMON_PID
RELOADING=1|MONOTONIC_USEC=N|STATUS=reloading
READY=1|STATUS=running: config generation 2 applied|MAINPID=$DAEMON_PID
RELOADING=1|MONOTONIC_USEC=N|STATUS=reloading
W
    head -n 4 "$TEST_TMP/got" >"$TEST_TMP/got4"
    assert_file_eq "$TEST_TMP/want" "$TEST_TMP/got4"
    assert_contains "$(sed -n 5p "$TEST_TMP/got")" "READY=1|STATUS=running: config generation 2 kept, reload rejected: $CF:3: invalid checktype \"nonsense\""
    assert_eq "STOPPING=1|STATUS=stopping" "$(sed -n 6p "$TEST_TMP/got")" "the last message"
    assert_eq 6 "$(wc -l <"$TEST_TMP/got")" "messages"
    # MONOTONIC_USEC is CLOCK_MONOTONIC: no later than the guest's uptime (which also counts suspend)
    local usec up
    usec=$(grep -o 'MONOTONIC_USEC=[0-9]*' "$TEST_TMP/seq" | tail -n 1 | cut -d= -f2)
    up=$(awk '{ printf "%d", $1 * 1000000 }' /proc/uptime)
    ((usec > 0 && usec <= up + 1000000)) || fail "MONOTONIC_USEC=$usec, uptime ${up} µs"
    grep -qx 'WATCHDOG=1' "$TEST_TMP/notify.log" || fail "no WATCHDOG=1 although WATCHDOG_USEC was set"
    assert_contains "$(cat "$TEST_TMP/lvsd.log")" "systemd watchdog: WATCHDOG=1 every 15000 ms while every heartbeat is fresh"
}
