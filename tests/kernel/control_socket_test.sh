# The control socket with the real kernel: two `lvsd run` daemons, each on its own socket in /run/lvsd (the
# VM's own /run); `lvsd status -f FILE` / `--health` / `--json` / `--watch` through the sockets with LSB exit
# codes; `lvsd reload` answered with the daemon's outcome (applied, and rejected with FILE:LINE); the socket's
# permissions and peer check refusing a non-root user; `dump` and SIGUSR1. One test: a daemon start costs
# about half a minute of emulated time, so both daemons serve every assertion.
source "$REPO/tests/kernel/run-daemon.bash"
source "$REPO/tests/kernel/health-servers.bash"

VIP=192.168.10.1
A=10.30.0.2
B=10.30.0.3
SOCK=/run/lvsd/lvsd.cf.sock

_cf() {
    cat <<CF
checkinterval=1
checktimeout=2
quiescent=yes
autoreload=no
virtual=$VIP:80
    checktype=connect
    real=$A:80 gate $1
    real=$B:80 gate 2
CF
}

# _ask COMMAND [USER]: sends one request line over the socket (socat, as USER), the answer on stdout.
_ask() {
    if [[ -n ${2:-} ]]; then
        echo "$1" | setpriv --reuid="$2" --regid="$2" --clear-groups socat -t 30 - "UNIX-CONNECT:$SOCK"
    else
        echo "$1" | socat -t 30 - "UNIX-CONNECT:$SOCK"
    fi
}

# A's check has passed and B's has failed (a real never up is not put in the table, quiesced or not)
_checks_have_run() {
    _ask checks >"$TEST_TMP/checks.json" || return 1
    grep -q "\"target\":\"$A:80\",\"kind\":\"connect\",\"result\":\"up\"" "$TEST_TMP/checks.json" &&
        grep -q "\"target\":\"$B:80\",\"kind\":\"connect\",\"result\":\"down\"" "$TEST_TMP/checks.json"
}

_two_frames() {
    (($(grep -c '^--- ' "$TEST_TMP/watch.out") >= 2))
}

_has_line() {
    grep -qE "$1" "$TEST_TMP/out"
}

test_status_reload_permissions_and_dump_over_the_control_sockets_of_two_daemons() {
    command -v socat >/dev/null || fail "socat not installed"
    hs_topology
    hs_start $A # B has no server: its connect check fails
    _cf 1 | write_cf
    local cf2=$TEST_TMP/other.cf
    printf 'autoreload=no\nvirtual=192.168.10.2:80\n    checktype=on\n    real=10.30.0.4:80 gate 1\n' >"$cf2"
    run_start
    env --default-signal=INT "$REPO/scripts/lvsd" run -f "$cf2" --pid-file "$TEST_TMP/other.pid" \
        --status-file "$TEST_TMP/other.json" >>"$TEST_TMP/other.log" 2>&1 &
    local other=$!
    defer run_kill "$other"
    wait_for 300 grep -q '"phase":"running"' "$TEST_TMP/other.json"
    wait_for 60 test -S "$SOCK"
    wait_for 60 test -S /run/lvsd/other.cf.sock

    assert_eq 700 "$(stat -c %a /run/lvsd)" "control directory mode"
    assert_eq 600 "$(stat -c %a "$SOCK")" "control socket mode"
    wait_for 120 _checks_have_run

    # one daemon by its file: the table with health, its checks with latency, LSB 0
    assert_status 0 lvsd status -f "$CF"
    _has_line "^Daemon: lvsd pid $DAEMON_PID, config $CF, running, generation 1, .* \\(socket $SOCK\\)$" \
        || fail "no daemon line: $(cat "$TEST_TMP/out")"
    _has_line "^  -> $A:80 +Route +1 +0 +0 +up_\\(weight_1\\)$" || fail "A not shown up: $(cat "$TEST_TMP/out")"
    _has_line "^  Check: tcp:$VIP:80 $A:80 connect up, last run up in [0-9.]+ ms at " \
        || fail "no check line for A: $(cat "$TEST_TMP/out")"
    _has_line "^  Check: tcp:$VIP:80 $B:80 connect down, last run .* in [0-9.]+ ms at .*, down since " \
        || fail "no check line for B: $(cat "$TEST_TMP/out")"
    assert_not_contains "$(cat "$TEST_TMP/out")" "other.cf"
    # every daemon, and JSON with both snapshots
    assert_status 0 lvsd status --health
    assert_contains "$(cat "$TEST_TMP/out")" "config $CF, running"
    assert_contains "$(cat "$TEST_TMP/out")" "config $cf2, running"
    assert_status 0 lvsd status --health --json
    # "daemon" (the first by config file) and "daemons" (both): three snapshots in all
    assert_eq 3 "$(grep -o '"config_sha256"' "$TEST_TMP/out" | wc -l | tr -d ' ')" "snapshots in --json --health"

    # --watch on a pipe appends frames
    lvsd status -f "$CF" --watch 0.5 >"$TEST_TMP/watch.out" 2>&1 &
    local watcher=$!
    defer kill $watcher
    wait_for 120 _two_frames
    kill $watcher
    assert_contains "$(cat "$TEST_TMP/watch.out")" "Daemon: lvsd pid $DAEMON_PID"

    # a reload over the socket answers once applied: the new weight is in the table when it returns
    _cf 3 | write_cf
    assert_status 0 lvsd reload -f "$CF"
    assert_contains "$(cat "$TEST_TMP/out")" "lvsd: reload applied: config generation 2"
    ipvsadm-save -n | grep -q -- "-a -t $VIP:80 -r $A:80 -g -w 3" || fail "reload answered before the table: $(ipvsadm-save -n)"
    # a file the daemon rejects (--no-check skips the client's own check): FILE:LINE, exit 2, table kept
    ipvsadm-save -n | sort >"$TEST_TMP/before.rules"
    _cf 3 | sed 's/checktype=connect/checktype=nonsense/' | write_cf
    assert_status 2 lvsd reload -f "$CF" --no-check
    assert_contains "$(cat "$TEST_TMP/err")" "$CF:6: "
    assert_contains "$(cat "$TEST_TMP/err")" "lvsd reload: rejected, the daemon keeps config generation 2"
    run_table_is "$TEST_TMP/before.rules" || fail "a rejected reload changed the table: $(cat "$TEST_TMP/table.diff")"
    _cf 3 | write_cf

    # permissions: a non-root user cannot reach the socket; made reachable, the peer check refuses it
    if _ask status 65534 >"$TEST_TMP/nobody.out" 2>&1; then
        grep -q '"ok":true' "$TEST_TMP/nobody.out" && fail "nobody got an answer through a 0700 directory"
    fi
    chmod 755 /run/lvsd
    chmod 666 "$SOCK"
    _ask status 65534 >"$TEST_TMP/nobody.out" 2>&1 || true
    chmod 700 /run/lvsd
    chmod 600 "$SOCK"
    assert_contains "$(cat "$TEST_TMP/nobody.out")" '"ok":false,"error":"refused: user nobody may not use'
    wait_for 30 grep -q "refused a connection from user nobody" "$TEST_TMP/lvsd.log"

    # dump: status and config in force; SIGUSR1 writes the same to the log
    _ask dump >"$TEST_TMP/dump.json"
    assert_contains "$(cat "$TEST_TMP/dump.json")" '{"ok":true,"command":"dump","status":{"version":2'
    assert_contains "$(cat "$TEST_TMP/dump.json")" '"config":'
    assert_contains "$(cat "$TEST_TMP/dump.json")" "\"weight\": 3"
    kill -USR1 "$DAEMON_PID"
    wait_for 60 grep -q "dump (SIGUSR1): config {" "$TEST_TMP/lvsd.log"
    grep -q "dump (SIGUSR1): status {\"version\":2" "$TEST_TMP/lvsd.log" || fail "no status dump in the log"

    # LSB: stopped -> 3 and the socket is gone; killed (pid file left) -> 1; no daemon at all -> 3
    kill -TERM "$other"
    wait "$other" || fail "the second daemon did not stop cleanly"
    [[ ! -e /run/lvsd/other.cf.sock ]] || fail "the stopped daemon left its socket"
    assert_status 3 lvsd status -f "$cf2" --pid-file "$TEST_TMP/other.pid"
    assert_contains "$(cat "$TEST_TMP/err")" "no lvsd runs $cf2"
    kill -KILL "$DAEMON_PID"
    wait "$DAEMON_PID" 2>/dev/null || true
    assert_status 1 lvsd status -f "$CF" --pid-file "$TEST_TMP/lvsd.pid"
    assert_contains "$(cat "$TEST_TMP/err")" "left by a daemon that died"
    assert_status 3 lvsd status --health
    assert_contains "$(cat "$TEST_TMP/out")" "lvsd: no daemon runs"
}
