# On demand (scripts/test --only e2e --filter e2e_failover). Status: the first scenario runs to the end in the
# emulated VM (kill -9 takeover in 4.05 s, adoption with 0 IPVS changes, preemption, graceful stop) but fails its
# 0-failure assertion: each VIP move resets the one request in flight, whose next packet reaches a director
# without its IPVS entry (with lvs_sync_daemon the kill -9 move loses none, the planned moves still 1; see
# docs/benchmarks.md). The other scenarios have not yet run to the end.
# End to end, LVS-DR, the director phases of issue 10: the master's lvsd killed (-9), restarted, stopped
# gracefully, restarted with cleanstop=no again and again, and a long-lived connection across a kill -9 with and
# without IPVS connection synchronisation. Same topology and client as e2e_dr_test.sh (tests/e2e/e2e-topology.bash,
# tests/e2e/e2e-client.py); every phase is asserted on the client's own counts. The only time bounds are the
# generous ones the issue asks for (takeover within Master_Down_Interval + 1 s, on the client's clock).
#
# One file for both directors, as deployed: d1 is the preferred master because only d1 has the interface
# "prefer", which the instance tracks with a positive weight (100 + 50 = 150 on d1, 100 on d2).
# run-suite: timeout=1500
source "$REPO/tests/e2e/e2e-topology.bash"

# Master_Down_Interval of d2 (v3, priority 100): 3 × advert_int + (256 - 100) / 256 × advert_int.
_fo_master_down() {
    awk -v i="$E2E_ADVERT_INT" 'BEGIN {printf "%.3f", 3 * i + (256 - 100) / 256 * i}'
}

# _fo_setup GLOBALS [INSTANCE-LINES]: the DR topology with the interface "prefer" on d1 only, every server
# started, the one file written (nothing launched yet).
_fo_setup() {
    local globals=$1 extra=${2:-}
    FO_T0=$SECONDS
    e2e_topology dr
    ip -n "$(_e2e_ns d1)" link add prefer type dummy
    ip -n "$(_e2e_ns d1)" link set prefer up
    local s
    for s in "${E2E_SERVERS[@]}"; do e2e_server_start "$s"; done
    E2E_VRRP_EXTRA="    track_interface=prefer weight 50${extra:+
$extra}"
    e2e_write_cf "$globals"
}

# _fo_start GLOBALS [INSTANCE-LINES]: topology, servers, the file, d1 master then d2 backup, every real in both
# tables, the client running (with ARGS after --).
_fo_start() {
    _fo_setup "$@"
    _fo_launch_both
    local s
    for s in r1 r2 r3; do
        e2e_wait_weight d1 "$s" 1
        e2e_wait_weight d2 "$s" 1
    done
    echo "scenario set up in $((SECONDS - FO_T0)) s of VM time"
}

# _fo_launch_both: both directors' lvsd at once (a JVM start costs minutes in a loaded emulated VM); d1 ends up
# master (priority 150, it preempts), d2 backup.
_fo_launch_both() {
    e2e_lvsd_launch d1
    e2e_lvsd_launch d2
    e2e_lvsd_wait_running d1
    e2e_lvsd_wait_running d2
    echo "both directors running after $((SECONDS - FO_T0)) s of VM time"
    e2e_wait_vip d1
    wait_for 60 grep -q "^instance VI_1 state MASTER priority 150 " "$TEST_TMP/d1.vrrp"
    wait_for 60 grep -q "^instance VI_1 state BACKUP priority 100 " "$TEST_TMP/d2.vrrp"
}

# _fo_state D STATE: D's lvsd reports VI_1 in STATE.
_fo_state() {
    grep -q "^instance VI_1 state $2 " "$TEST_TMP/$1.vrrp" 2>/dev/null
}

# _fo_table D: D's IPVS table as ipvsadm-save prints it (the services and reals lvsd manages).
_fo_table() {
    ip netns exec "$(_e2e_ns "$1")" ipvsadm-save -n
}

# _fo_kernel_changes D: IPVS changes D's running lvsd made since it started (status file).
_fo_kernel_changes() {
    grep -o '"kernel_changes":{"applied":[0-9]*' "$TEST_TMP/$1.json" | grep -o '[0-9]*$'
}

# _fo_takeover_after T0: seconds (client clock) from T0 until d2 holds the VIP; fails after 30 s.
_fo_takeover_after() {
    local t0=$1 deadline=$((SECONDS + 30))
    until e2e_has_vip d2; do
        ((SECONDS < deadline)) || fail "d2 never took the VIP: $(head -n 12 "$TEST_TMP/d2.vrrp")
d1's lvsd $(kill -0 "$(<"$TEST_TMP/d1.pid")" 2>/dev/null && echo "still runs" || echo "is gone")
$(tail -n 20 "$TEST_TMP/d2.log")"
        sleep 0.02
    done
    awk -v a="$t0" -v b="$(e2e_now)" 'BEGIN {printf "%.2f", b - a}'
}

_fo_assert_clean() {
    assert_eq 0 "$(e2e_phase failed "$1")" "failed requests in phase $1 ($(e2e_phase reasons "$1"))"
}

# _fo_assert_within PHASE SECONDS: failures in PHASE only in its first SECONDS.
_fo_assert_within() {
    local last
    last=$(e2e_phase last_fail "$1")
    awk -v l="$last" -v w="$2" 'BEGIN {exit !(l <= w)}' ||
        fail "phase $1: a request failed $last s after it started, the window is $2 s ($(e2e_phase reasons "$1"))"
}

# _fo_restart_d1_and_wait_preempt: starts d1's lvsd again and waits until d1 alone holds the VIP.
_fo_restart_d1_and_wait_preempt() {
    e2e_lvsd_start d1
    e2e_wait_vip d1 120
    wait_for 30 _fo_state d2 BACKUP
}

_fo_took() {
    echo "scenario took $((SECONDS - FO_T0)) s of VM time"
}

# kill -9 of the master's lvsd: the backup holds the VIP within Master_Down_Interval + 1 s and requests fail only
# inside that window; the old master's lvsd started again adopts its table (no IPVS change) and preempts back
# without a failed request; then a graceful stop (SIGTERM, cleanstop=yes) hands over without a failed request.
test_dr_master_killed_restarted_preempts_back_then_stops_gracefully() {
    _fo_start "quiescent=yes"
    e2e_client_start
    e2e_mark steady
    e2e_wait_requests 40

    local before window took
    before=$(_fo_table d1)
    window=$(awk -v m="$(_fo_master_down)" 'BEGIN {print m + 1}')
    e2e_mark d1-killed
    local t0=$E2E_MARK_TIME
    echo "kill -9 of d1's lvsd"
    e2e_lvsd_stop d1 KILL || true
    took=$(_fo_takeover_after "$t0")
    echo "d2 holds the VIP after $took s"
    wait_for 30 _fo_state d2 MASTER
    e2e_wait_requests 60
    e2e_mark d2-master
    e2e_wait_requests 40
    assert_eq "$before" "$(_fo_table d1)" "d1's table after kill -9 (the kernel keeps it)"

    e2e_mark d1-restarted
    echo "restarting d1's lvsd"
    local lines
    lines=$(wc -l <"$TEST_TMP/d1.log")
    _fo_restart_d1_and_wait_preempt
    e2e_wait_requests 40
    assert_eq "$before" "$(_fo_table d1)" "d1's table after its lvsd adopted it"
    assert_eq 0 "$(_fo_kernel_changes d1)" "IPVS changes made by the restarted lvsd in d1"
    tail -n +"$((lines + 1))" "$TEST_TMP/d1.log" | grep -q "VI_1: BACKUP -> MASTER" || fail "d1 did not preempt"

    e2e_mark d1-stopped
    echo "SIGTERM to d1's lvsd"
    e2e_lvsd_stop d1 TERM || fail "lvsd in d1 exited $? after SIGTERM"
    e2e_wait_vip d2 30
    [[ -z $(_fo_table d1 | grep '^-A') ]] || fail "cleanstop=yes left services in d1: $(_fo_table d1)"
    e2e_wait_requests 60
    e2e_mark end
    e2e_client_stop
    _fo_took
    echo "d2 held the VIP $took s after the kill (Master_Down_Interval $(_fo_master_down) s)"

    _fo_assert_clean steady
    awk -v t="$took" -v w="$window" 'BEGIN {exit !(t <= w)}' ||
        fail "d2 took the VIP $took s after the kill, more than Master_Down_Interval + 1 s ($window s)"
    _fo_assert_within d1-killed "$window"
    _fo_assert_clean d2-master
    _fo_assert_clean d1-restarted
    _fo_assert_clean d1-stopped
    grep -q "VI_1: MASTER -> INIT" "$TEST_TMP/d1.log" || fail "d1 did not resign"
}

# The same kill -9 with nopreempt: the restarted lvsd adopts its table and stays backup; no request fails.
test_dr_master_killed_restarted_with_nopreempt_stays_backup() {
    _fo_start "quiescent=yes" "    nopreempt"
    e2e_client_start
    e2e_mark steady
    e2e_wait_requests 20
    local before
    before=$(_fo_table d1)
    e2e_mark d1-killed
    local t0=$E2E_MARK_TIME took
    echo "kill -9 of d1's lvsd"
    e2e_lvsd_stop d1 KILL || true
    took=$(_fo_takeover_after "$t0")
    echo "d2 holds the VIP after $took s"
    wait_for 30 _fo_state d2 MASTER
    e2e_wait_requests 40
    e2e_mark d1-restarted
    e2e_lvsd_start d1
    wait_for 60 _fo_state d1 BACKUP
    # d1 now outranks the master: three Master_Down_Intervals in which it must not take over
    e2e_wait_requests 240
    _fo_state d1 BACKUP || fail "d1 took over despite nopreempt: $(head -1 "$TEST_TMP/d1.vrrp")"
    e2e_wait_vip d2 5
    assert_eq "$before" "$(_fo_table d1)" "d1's table after its lvsd adopted it"
    assert_eq 0 "$(_fo_kernel_changes d1)" "IPVS changes made by the restarted lvsd in d1"
    e2e_mark end
    e2e_client_stop
    _fo_took
    echo "d2 held the VIP $took s after the kill"
    _fo_assert_clean steady
    _fo_assert_within d1-killed "$(awk -v m="$(_fo_master_down)" 'BEGIN {print m + 1}')"
    _fo_assert_clean d1-restarted
}

# lvsd restarted on the master with cleanstop=no, again and again while traffic flows (issue 12): each stop
# hands the VIP over, each start adopts the table and preempts back: no failed request, no IPVS change.
# Each restart is a JVM start (minutes in a loaded emulated VM): 3 by default keeps the scenario inside the
# suite's 600 s per test; FO_RESTARTS=20 is issue 12's figure.
FO_RESTARTS=${FO_RESTARTS:-3}
test_dr_master_restarted_with_cleanstop_no_changes_nothing_and_fails_nothing() {
    _fo_start "quiescent=yes
cleanstop=no"
    e2e_client_start
    e2e_mark steady
    e2e_wait_requests 20
    local before1 before2 i t
    before1=$(_fo_table d1)
    before2=$(_fo_table d2)
    e2e_mark restarts
    for ((i = 1; i <= FO_RESTARTS; i++)); do
        t=$SECONDS
        e2e_lvsd_stop d1 TERM || fail "lvsd in d1 exited $? after SIGTERM (restart $i)"
        e2e_wait_vip d2 30
        assert_eq "$before1" "$(_fo_table d1)" "d1's table after stop $i with cleanstop=no"
        _fo_restart_d1_and_wait_preempt
        assert_eq 0 "$(_fo_kernel_changes d1)" "IPVS changes made by d1's lvsd after restart $i"
        echo "restart $i: $((SECONDS - t)) s of VM time"
    done
    e2e_wait_requests 20
    e2e_mark end
    e2e_client_stop
    _fo_took
    assert_eq "$before1" "$(_fo_table d1)" "d1's table after $FO_RESTARTS restarts"
    assert_eq "$before2" "$(_fo_table d2)" "d2's table after $FO_RESTARTS restarts"
    _fo_assert_clean steady
    _fo_assert_clean restarts
}

# _fo_echo_virtual: a second virtual service, an echo server (socat) on :7 of every real, for the long-lived
# connection; appended to the one file before the directors start.
_fo_echo_virtual() {
    local s
    for s in r1 r2 r3; do
        ip netns exec "$(_e2e_ns "$s")" socat TCP-LISTEN:7,fork,reuseaddr EXEC:cat 2>>"$TEST_TMP/$s.echo.err" &
        defer kill -KILL $!
    done
    cat >>"$E2E_CF" <<CF

virtual=$E2E_VIP:7
    real=$(e2e_addr r1):7 gate 1
    real=$(e2e_addr r2):7 gate 1
    real=$(e2e_addr r3):7 gate 1
    scheduler=wrr
    protocol=tcp
    checktype=connect
CF
}

# _fo_synced D: D's IPVS has the long connection (to :7) as an established entry.
_fo_synced() {
    ip netns exec "$(_e2e_ns "$1")" ipvsadm -L -n -c | awk '$3 == "ESTABLISHED" && $5 ~ /:7$/ {f = 1} END {exit !f}'
}

# _fo_long_done LOG N: the long connection dropped, or made 50 exchanges after exchange N.
_fo_long_done() {
    grep -q " dropped " "$1" || awk -v n="$2" '$2 == "ok" && $3 >= n + 50 {f = 1} END {exit !f}' "$1"
}

# _fo_long_connection_across_kill9 SYNC(yes|no): one connection, a line every 100 ms, held across kill -9 of
# the master's lvsd; sets FO_LONG_LAST to the long connection's last log line.
_fo_long_connection_across_kill9() {
    local sync=$1 extra="" s
    [[ $sync == yes ]] && extra="    lvs_sync_daemon=eth0 id 5"
    _fo_setup "quiescent=yes" "$extra"
    _fo_echo_virtual
    _fo_launch_both
    for s in r1 r2 r3; do e2e_wait_weight d2 "$s" 1; done
    local log=$TEST_TMP/long.log
    rm -f "$log" "$TEST_TMP/long.stop"
    ip netns exec "$(_e2e_ns client)" "$(_e2e_python)" -I "$REPO/tests/e2e/e2e-longconn.py" --target "$E2E_VIP:7" \
        --log "$log" --stop-file "$TEST_TMP/long.stop" 2>"$TEST_TMP/long.err" &
    local pid=$!
    defer kill -KILL "$pid"
    wait_for 120 grep -q " ok 20$" "$log"
    if [[ $sync == yes ]]; then
        wait_for 30 _fo_synced d2 # d1's sync daemon has told d2 about it before d1's lvsd goes
    else
        ! _fo_synced d2 || fail "d2 knows the connection without connection sync"
    fi
    local t0
    t0=$(e2e_now)
    e2e_lvsd_stop d1 KILL || true
    FO_TOOK=$(_fo_takeover_after "$t0")
    wait_for 30 _fo_state d2 MASTER
    # the client follows d2 after its GARPs: 50 more exchanges (5 s) through d2, or the drop
    local n
    n=$(awk '$2 == "ok" {n = $3} END {print n + 0}' "$log")
    wait_for 60 _fo_long_done "$log" "$n"
    touch "$TEST_TMP/long.stop"
    wait "$pid" || true
    _fo_took
    echo "d2 held the VIP $FO_TOOK s after the kill; d2's connection entries:"
    ip netns exec "$(_e2e_ns d2)" ipvsadm -L -n -c || true
    FO_LONG_LAST=$(tail -n 1 "$log")
    echo "long connection: $FO_LONG_LAST ($(grep -c ' ok ' "$log") exchanges)"
}

test_dr_long_connection_survives_kill9_of_the_master_with_connection_sync() {
    _fo_long_connection_across_kill9 yes
    [[ $FO_LONG_LAST == *" closed "* ]] || fail "the connection did not survive with lvs_sync_daemon: $FO_LONG_LAST"
}

test_dr_long_connection_drops_at_kill9_of_the_master_without_connection_sync() {
    _fo_long_connection_across_kill9 no
    [[ $FO_LONG_LAST == *" dropped "* ]] || fail "without connection sync the connection was expected to drop: $FO_LONG_LAST"
}
