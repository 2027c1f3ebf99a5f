# `lvsd run`: start, autoreload, SIGHUP, `lvsd reload`, invalid edits, hand edits, foreign services, drain,
# stop and restart, each checked with ipvsadm-save -n against the real kernel. A JVM start costs many seconds
# in the emulated VM, so each test walks through several related scenarios on one daemon.
source "$REPO/tests/kernel/run-daemon.bash"

# Two virtuals with checktype=on (no checks run: every real is up, as ldirectord treats checktype=on).
# _cf AUTORELOAD CLEANSTOP [EXTRA GLOBAL LINE]
_cf() {
    cat <<CF
autoreload=$1
cleanstop=$2
${3:-}
virtual=192.168.10.1:80
    checktype=on
    real=10.0.0.2:80 gate 1
    real=10.0.0.3:80 gate 2
    scheduler=wrr
virtual=192.168.10.2:443
    checktype=on
    real=10.0.0.2:443 masq 5
    real=10.0.0.3:8443 masq 5
    scheduler=wlc
    persistent=300
CF
}

_table() {
    cat <<'T'
-A -t 192.168.10.1:80 -s wrr
-a -t 192.168.10.1:80 -r 10.0.0.2:80 -g -w 1
-a -t 192.168.10.1:80 -r 10.0.0.3:80 -g -w 2
-A -t 192.168.10.2:443 -s wlc -p 300
-a -t 192.168.10.2:443 -r 10.0.0.2:443 -m -w 5
-a -t 192.168.10.2:443 -r 10.0.0.3:8443 -m -w 5
T
}

# A service lvsd must never touch.
_foreign() {
    ipvsadm -A -t 192.168.99.9:25 -s rr
    ipvsadm -a -t 192.168.99.9:25 -r 10.0.0.9:25 -m -w 3
}

_foreign_table() {
    cat <<'T'
-A -t 192.168.99.9:25 -s rr
-a -t 192.168.99.9:25 -r 10.0.0.9:25 -m -w 3
T
}

# _expect_changes N: the daemon has made exactly N kernel changes since it started.
_changes() {
    run_status_field kernel_changes.applied
}

test_start_applies_the_config_and_sigterm_removes_only_what_lvsd_added() {
    ipvs_dummy
    _foreign
    _cf yes yes | write_cf
    { _foreign_table; _table; } >"$TEST_TMP/expected"
    run_start
    run_wait_table "$TEST_TMP/expected"
    assert_eq 6 "$(_changes)" "changes made at start"
    run_stop TERM || fail "lvsd run exited $? after SIGTERM"
    _foreign_table >"$TEST_TMP/expected"
    run_table_is "$TEST_TMP/expected" || fail "table after a clean stop: $(cat "$TEST_TMP/table.diff")"
    [[ ! -e "$TEST_TMP/lvsd.pid" ]] || fail "pid file left behind"
    [[ ! -e "$TEST_TMP/status.json" ]] || fail "status file left behind"
    assert_contains "$(cat "$TEST_TMP/lvsd.log")" "stopping (SIGTERM)"
}

test_autoreload_adds_removes_and_edits_in_place() {
    ipvs_dummy
    _foreign
    _cf yes yes | write_cf
    run_start
    { _foreign_table; _table; } >"$TEST_TMP/expected"
    run_wait_table "$TEST_TMP/expected"

    # add a virtual
    { _cf yes yes; printf 'virtual=192.168.10.3:53\n    checktype=on\n    protocol=udp\n    real=10.0.0.4:53 gate 1\n'; } | write_cf
    { _foreign_table; _table; printf -- '-A -u 192.168.10.3:53 -s wrr\n-a -u 192.168.10.3:53 -r 10.0.0.4:53 -g -w 1\n'; } \
        >"$TEST_TMP/expected"
    run_wait_table "$TEST_TMP/expected"
    wait_for 30 run_generation_is 2

    # remove it again
    _cf yes yes | write_cf
    { _foreign_table; _table; } >"$TEST_TMP/expected"
    run_wait_table "$TEST_TMP/expected"
    wait_for 30 run_generation_is 3

    # a weight change is exactly one kernel change
    local before
    before=$(_changes)
    _cf yes yes | sed 's/real=10.0.0.3:80 gate 2/real=10.0.0.3:80 gate 7/' | write_cf
    _table | sed 's/10.0.0.3:80 -g -w 2/10.0.0.3:80 -g -w 7/' >"$TEST_TMP/t"
    { _foreign_table; cat "$TEST_TMP/t"; } >"$TEST_TMP/expected"
    run_wait_table "$TEST_TMP/expected"
    wait_for 30 run_generation_is 4
    assert_eq $((before + 1)) "$(_changes)" "kernel changes for one weight edit"

    # scheduler and persistence change: one service edit, reals (and their connections) stay
    before=$(_changes)
    _cf yes yes | sed 's/real=10.0.0.3:80 gate 2/real=10.0.0.3:80 gate 7/; s/scheduler=wlc/scheduler=sh/; s/persistent=300/persistent=600/' \
        | write_cf_renamed
    sed 's/-s wlc -p 300/-s sh -p 600/' "$TEST_TMP/t" >"$TEST_TMP/t2"
    { _foreign_table; cat "$TEST_TMP/t2"; } >"$TEST_TMP/expected"
    run_wait_table "$TEST_TMP/expected"
    wait_for 30 run_generation_is 5
    assert_eq $((before + 1)) "$(_changes)" "kernel changes for a scheduler+persistence edit"

    # remove a real (no drain): deleted
    _cf yes yes | sed '/real=10.0.0.3:80 gate 2/d; s/scheduler=wlc/scheduler=sh/; s/persistent=300/persistent=600/' | write_cf
    grep -v '10.0.0.3:80 ' "$TEST_TMP/t2" >"$TEST_TMP/t3"
    { _foreign_table; cat "$TEST_TMP/t3"; } >"$TEST_TMP/expected"
    run_wait_table "$TEST_TMP/expected"
    assert_eq 0 "$(run_status_field reloads.rejected)" "rejected reloads"
}

test_invalid_edit_leaves_the_table_byte_identical_and_hand_edits_are_put_back() {
    ipvs_dummy
    _foreign
    _cf yes yes | write_cf
    run_start
    { _foreign_table; _table; } >"$TEST_TMP/expected"
    run_wait_table "$TEST_TMP/expected"
    ipvsadm-save -n >"$TEST_TMP/before"

    # one good edit and one broken line: rejected as a whole
    _cf yes yes | sed 's/gate 2/gate 9/; s/scheduler=wlc/scheduler=wlc\n    weight_of_nothing=1/' | write_cf
    wait_for 60 bash -c '[[ $(grep -c "rejected" "$1") -ge 1 ]]' _ "$TEST_TMP/lvsd.log"
    assert_contains "$(cat "$TEST_TMP/lvsd.log")" "$CF:14:"
    # several resync periods later nothing has changed
    local cycles
    cycles=$(run_status_field cycles.total)
    wait_for 60 bash -c '[[ $(grep -o "\"total\":[0-9]*" "$1" | head -1 | cut -d: -f2) -ge $2 ]]' _ \
        "$TEST_TMP/status.json" $((cycles + 3))
    ipvsadm-save -n >"$TEST_TMP/after"
    assert_file_eq "$TEST_TMP/before" "$TEST_TMP/after"
    assert_eq 1 "$(run_status_field generation)" "config generation"
    assert_eq 1 "$(run_status_field reloads.rejected)" "rejected reloads"

    # a destination deleted and a weight changed by hand are put back at the next resync
    ipvsadm -d -t 192.168.10.1:80 -r 10.0.0.3:80
    ipvsadm -e -t 192.168.10.2:443 -r 10.0.0.2:443 -m -w 1
    run_wait_table "$TEST_TMP/before"
    assert_contains "$(cat "$TEST_TMP/lvsd.log")" "10.0.0.3:80"
}

test_without_autoreload_changes_wait_for_sighup_or_lvsd_reload_and_callback_runs() {
    ipvs_dummy
    cat >"$TEST_TMP/callback" <<SH
#!/bin/sh
echo "\$@" >>"$TEST_TMP/callback.log"
SH
    chmod +x "$TEST_TMP/callback"
    _cf no yes "callback=\"$TEST_TMP/callback\"" | write_cf
    run_start
    _table >"$TEST_TMP/expected"
    run_wait_table "$TEST_TMP/expected"

    _cf no yes "callback=\"$TEST_TMP/callback\"" | sed 's/gate 2/gate 3/' | write_cf
    # the callback runs on the content change, but without autoreload the table stays
    wait_for 60 test -s "$TEST_TMP/callback.log"
    assert_eq "$CF" "$(cat "$TEST_TMP/callback.log")" "callback arguments"
    run_table_is "$TEST_TMP/expected" || fail "changed without a reload: $(cat "$TEST_TMP/table.diff")"

    # lvsd reload finds the daemon through its pid file and sends SIGHUP
    assert_status 0 lvsd reload -f "$CF" --pid-file "$TEST_TMP/lvsd.pid"
    assert_contains "$(cat "$TEST_TMP/out")" "SIGHUP sent to pid $DAEMON_PID"
    _table | sed 's/-w 2/-w 3/' >"$TEST_TMP/expected"
    run_wait_table "$TEST_TMP/expected"

    # a broken file is refused by lvsd reload itself (exit 2) and the daemon is not signalled
    _cf no yes "callback=\"$TEST_TMP/callback\"" | sed 's/gate 2/gate 3/; s/scheduler=wrr/scheduler=wrr\n    bogus=1/' | write_cf
    assert_status 2 lvsd reload -f "$CF" --pid-file "$TEST_TMP/lvsd.pid"
    assert_contains "$(cat "$TEST_TMP/err")" "$CF:9:"
    # plain SIGHUP with the broken file: the daemon rejects it and keeps the table
    kill -HUP "$DAEMON_PID"
    wait_for 60 bash -c '[[ $(grep -c "rejected" "$1") -ge 1 ]]' _ "$TEST_TMP/lvsd.log"
    run_table_is "$TEST_TMP/expected" || fail "changed by a rejected reload: $(cat "$TEST_TMP/table.diff")"
    kill -0 "$DAEMON_PID" || fail "daemon died"
}

test_restart_with_cleanstop_no_adopts_the_table_with_zero_changes() {
    ipvs_dummy
    _foreign
    _cf yes no | write_cf
    run_start
    { _foreign_table; _table; } >"$TEST_TMP/expected"
    run_wait_table "$TEST_TMP/expected"
    run_stop INT || fail "lvsd run exited $? after SIGINT"
    run_table_is "$TEST_TMP/expected" || fail "cleanstop=no changed the table: $(cat "$TEST_TMP/table.diff")"

    run_start
    # a few resync cycles: still zero changes
    wait_for 60 bash -c '[[ $(grep -o "\"total\":[0-9]*" "$1" | head -1 | cut -d: -f2) -ge 3 ]]' _ "$TEST_TMP/status.json"
    assert_eq 0 "$(_changes)" "kernel changes after adopting a matching table"
    run_table_is "$TEST_TMP/expected" || fail "restart changed the table: $(cat "$TEST_TMP/table.diff")"

    # a second instance on the same pid file is refused while the first runs
    assert_status 1 lvsd run -f "$CF" --pid-file "$TEST_TMP/lvsd.pid" --status-file none
    assert_contains "$(cat "$TEST_TMP/err")" "already running with pid $DAEMON_PID"
}

test_drain_sets_weight_zero_then_deletes() {
    ipvs_dummy
    ip route add 192.168.10.0/24 dev lvsd0
    _cf yes yes "drain=15" | write_cf
    run_start
    _table >"$TEST_TMP/expected"
    run_wait_table "$TEST_TMP/expected"
    # a local client's SYN to the virtual creates a connection entry on 10.0.0.3:80 (nobody answers on the
    # dummy link, so it stays), which keeps the real draining until the drain deadline
    local i
    for i in 1 2 3 4; do timeout 1 bash -c 'exec 3<>/dev/tcp/192.168.10.1/80' 2>/dev/null || true; done
    ipvsadm -Ln | awk '$2 == "10.0.0.3:80" && ($5 + $6) > 0 {found=1} END {exit !found}' \
        || fail "no connection entry on 10.0.0.3:80: $(ipvsadm -Ln)"
    _cf yes yes "drain=15" | sed '/real=10.0.0.3:80 gate 2/d' | write_cf
    _table | sed 's/10.0.0.3:80 -g -w 2/10.0.0.3:80 -g -w 0/' >"$TEST_TMP/draining"
    run_wait_table "$TEST_TMP/draining"
    grep -v '10.0.0.3:80 ' "$TEST_TMP/expected" >"$TEST_TMP/drained"
    run_wait_table "$TEST_TMP/drained"
}
