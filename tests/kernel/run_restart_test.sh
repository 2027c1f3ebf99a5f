# `lvsd run` restarted RESTARTS times with cleanstop=no while a client sends HTTP requests through the virtual
# service (issue 12): no request fails, no restart changes the IPVS table. The director is the VM's root
# namespace (so run-daemon.bash's helpers apply); the client and two busybox reals (LVS-DR) are namespaces of
# tests/e2e/e2e-topology.bash on its bridge, and the client is tests/e2e/e2e-client.py with per-restart phases.
# A JVM start in the emulated VM takes 65-160 s (measured, with the host busy), so RESTARTS is 2 until the
# 20 of issue 12 fit a run (they need about 2600 s of VM time at the slow end: timeout=3600).
# run-suite: timeout=1500
source "$REPO/tests/kernel/run-daemon.bash"
# the client's log off 9p (see e2e-topology.bash); copied to $TEST_TMP when the test ends
E2E_CLIENT_DIR=/run/lvsd-restart.$$
source "$REPO/tests/e2e/e2e-topology.bash"

RESTARTS=2
# the director's own: no VRRP, the root namespace is the only director
E2E_DIRECTORS=()
E2E_SERVERS=(r1 r2)

# An HTTP negotiate check with short timing: a restarted daemon's reals are "pending" until their first check
# result, and must be kept as the kernel has them meanwhile.
_cf() {
    cat <<CF
checkinterval=1
checktimeout=2
negotiatetimeout=2
autoreload=no
cleanstop=no
quiescent=yes

virtual=$E2E_VIP:80
    real=$(e2e_addr r1):80 gate 1
    real=$(e2e_addr r2):80 gate 1
    scheduler=wrr
    protocol=tcp
    checktype=negotiate
    service=http
    request="/"
    receive="served-by"
CF
}

# _reals_up: the daemon's director has placed both reals as up (a cycle ran after their first check results).
_reals_up() {
    local json
    json=$(<"$TEST_TMP/status.json") || return 1
    json=${json//\"state\":\"up\"/@}
    json=${json//[^@]/}
    [[ $json == @@ ]]
}

# _assert_both_served PHASE: each real answered requests in PHASE.
_assert_both_served() {
    local s
    for s in r1 r2; do
        (($(e2e_served_in "$1" "$s") > 0)) || fail "$s served nothing in phase $1 ($(e2e_phase servers "$1"))"
    done
}

test_restarts_with_cleanstop_no_under_traffic_fail_no_request_and_change_nothing() {
    mkdir -p "$E2E_CLIENT_DIR"
    defer rm -rf "$E2E_CLIENT_DIR"
    defer cp -r "$E2E_CLIENT_DIR/." "$TEST_TMP/"
    ipvsadm -C
    defer ipvsadm -C
    e2e_topology dr
    topo_port "$(_e2e_ns sw)" br0 - lvsr0 "$E2E_NET.2/24"
    ip addr add "$E2E_VIP/32" dev lvsr0
    local s
    for s in r1 r2; do e2e_server_start "$s"; done
    _cf | write_cf
    e2e_client_launch
    # a JVM start takes the emulated CPU for minutes: the client and the reals come first, so a late answer
    # is the network's, not a starved process's
    renice -n -10 -p "$E2E_CLIENT_PID" "$(<"$TEST_TMP/r1.httpd.pid")" "$(<"$TEST_TMP/r2.httpd.pid")" >/dev/null

    # the first daemon builds the table (one service, two reals, after their first checks)
    local t0=$SECONDS
    run_start
    wait_for 120 _reals_up
    ipvsadm-save -n | sort >"$TEST_TMP/expected"
    assert_eq 3 "$(grep -c . "$TEST_TMP/expected")" "lines of the table built by the first daemon"
    assert_eq 3 "$(run_status_field kernel_changes.applied)" "kernel changes of the first daemon"
    e2e_client_wait_started
    e2e_mark warm
    for s in r1 r2; do e2e_wait_served "$s" 3; done
    echo "set up in $((SECONDS - t0)) s of VM time"

    local i t start_s up_s stop_s total0=$SECONDS
    for ((i = 1; i <= RESTARTS; i++)); do
        # the phase holds the previous daemon's stop, the gap with no daemon, and this daemon's start
        e2e_mark "restart-$i"
        t=$SECONDS
        run_stop TERM || fail "lvsd run exited $? after SIGTERM (restart $i)"
        stop_s=$((SECONDS - t))
        run_table_is "$TEST_TMP/expected" || fail "the stopped daemon changed the table (restart $i):
$(cat "$TEST_TMP/table.diff")"
        t=$SECONDS
        run_start
        start_s=$((SECONDS - t))
        t=$SECONDS
        wait_for 120 _reals_up
        up_s=$((SECONDS - t))
        assert_eq 0 "$(run_status_field kernel_changes.applied)" "kernel changes of the daemon of restart $i"
        run_table_is "$TEST_TMP/expected" || fail "the table after restart $i:
$(cat "$TEST_TMP/table.diff")"
        echo "restart $i: stop ${stop_s} s, start to running ${start_s} s, to both reals up ${up_s} s"
    done
    local total=$((SECONDS - total0))
    e2e_mark end
    for s in r1 r2; do e2e_wait_served "$s" 3; done
    run_stop TERM || fail "lvsd run exited $? after the last SIGTERM"
    e2e_client_stop
    echo "$RESTARTS restarts took $total s of VM time"

    local requests=0
    for ((i = 1; i <= RESTARTS; i++)); do
        assert_eq 0 "$(e2e_phase failed "restart-$i")" \
            "failed requests in phase restart-$i ($(e2e_phase reasons "restart-$i"))"
        _assert_both_served "restart-$i"
        requests=$((requests + $(e2e_phase requests "restart-$i")))
    done
    echo "$requests requests during the restarts, none failed"
    run_table_is "$TEST_TMP/expected" || fail "the table at the end: $(cat "$TEST_TMP/table.diff")"
}
