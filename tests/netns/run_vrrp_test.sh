# `lvsd run` with VRRP folded in, on a VRRP-only config (no IPVS on the host): the daemon starts VRRP, keeps
# it through reloads that do not touch its blocks, and hands over at SIGTERM. Uses the VRRP suite's helpers.
source "$REPO/tests/netns/vrrp-helpers.bash"

VIP=10.77.0.100

# _run NS NAME CONF: `lvsd run` in NS; VRRP status lines in $TEST_TMP/NAME.status (as vrrp-run writes them),
# the daemon's JSON status in $TEST_TMP/NAME.json, pid in $TEST_TMP/NAME.pid.
_run() {
    local ns=$1 name=$2 conf=$3
    rm -f "$TEST_TMP/$name.status" "$TEST_TMP/$name.json"
    ip netns exec "$ns" "$REPO/scripts/lvsd" run -f "$conf" --pid-file "$TEST_TMP/$name.lvsd.pid" \
        --status-file "$TEST_TMP/$name.json" --vrrp-status-file "$TEST_TMP/$name.status" --poll-interval 0.2 \
        >>"$TEST_TMP/$name.log" 2>&1 &
    echo $! >"$TEST_TMP/$name.pid"
    defer kill -9 "$!"
    wait_for 60 grep -q '"phase":"running"' "$TEST_TMP/$name.json"
}

test_lvsd_run_runs_vrrp_keeps_it_across_reloads_and_hands_over_at_sigterm() {
    two_nodes vr1
    lvsd_conf a.cf eth0 61 150 3 0.1 "$VIP/32"
    lvsd_conf b.cf eth0 61 100 3 0.1 "$VIP/32"
    echo "autoreload=yes" >>a.cf
    _run vr1-a a "$PWD/a.cf"
    _run vr1-b b "$PWD/b.cf"
    wait_for 20 state_is a MASTER
    wait_for 20 state_is b BACKUP
    wait_for 10 has_vip vr1-a $VIP

    # a reload that leaves the VRRP blocks alone keeps VRRP running: no hand-over, no second start
    printf '# a comment changes the content, not the VRRP blocks\n' >>a.cf
    wait_for 30 grep -q '"generation":2' "$TEST_TMP/a.json"
    state_is a MASTER || fail "a lost MASTER on a reload: $(head -1 a.status)"
    state_is b BACKUP || fail "b took over during a's reload: $(head -1 b.status)"
    has_vip vr1-a $VIP || fail "VIP left a during the reload"

    # SIGTERM: graceful hand-over (priority 0), then a clean exit
    local pid
    pid=$(cat "$TEST_TMP/a.pid")
    kill -TERM "$pid"
    wait_for 10 state_is b MASTER
    wait_for 10 has_vip vr1-b $VIP
    wait_for 20 bash -c "! kill -0 $pid 2>/dev/null"
    wait "$pid" 2>/dev/null || fail "lvsd run exited $? after SIGTERM"
    lacks_vip vr1-a $VIP || fail "a kept the VIP after stopping"
    assert_contains "$(cat "$TEST_TMP/a.log")" "stopping (SIGTERM)"
}
