# `lvsd run` under wall-clock steps (date -s, as an NTP step or an operator would): a draining real and the
# health checks go on as if nothing happened, because every duration lvsd measures is on the monotonic clock.
# The unit tests step an injected clock (EngineHealthTest, ReconcilerTest); this steps the VM's real one.
source "$REPO/tests/kernel/run-daemon.bash"

# Hours the wall clock stands away from the truth; undone at the end, pass or fail.
_STEPPED=0

_step_clock() {
    date -s "$1 hour" >/dev/null || fail "date -s $1 hour failed"
    _STEPPED=$((_STEPPED + $1))
}

_unstep_clock() {
    ((_STEPPED == 0)) || date -s "$((-_STEPPED)) hour" >/dev/null
}

# Virtual .1 (checktype=on) carries the draining real; virtual .2 has connect checks every second against a
# listener on the director's own address (up) and an address nobody answers on (down: never added, as
# ldirectord does with readdquiescent=no).
_cf() {
    cat <<CF
autoreload=yes
cleanstop=yes
drain=$1
checkinterval=1
checktimeout=2
quiescent=yes
virtual=192.168.10.1:80
    checktype=on
    real=10.0.0.2:80 gate 1
    scheduler=wrr
$2
virtual=192.168.10.2:8080
    checktype=connect
    real=10.0.0.254:8080 masq 3
    real=10.0.0.5:8080 masq 3
    scheduler=wrr
CF
}

_drain_real="    real=10.0.0.3:80 gate 2"

_changes() {
    run_status_field kernel_changes.applied
}

# _checks_run_past N: the engine has completed more than N check runs.
_checks_run_past() {
    (($(run_status_field runs.completed) > $1))
}

test_wall_clock_steps_change_neither_a_drain_nor_the_checks() {
    ipvs_dummy
    ip route add 192.168.10.0/24 dev lvsd0
    socat TCP-LISTEN:8080,bind=10.0.0.254,fork,reuseaddr SYSTEM:true &
    defer kill $!
    defer _unstep_clock
    local drain=30
    _cf "$drain" "$_drain_real" | write_cf
    run_start
    cat >"$TEST_TMP/expected" <<'T'
-A -t 192.168.10.1:80 -s wrr
-a -t 192.168.10.1:80 -r 10.0.0.2:80 -g -w 1
-a -t 192.168.10.1:80 -r 10.0.0.3:80 -g -w 2
-A -t 192.168.10.2:8080 -s wrr
-a -t 192.168.10.2:8080 -r 10.0.0.254:8080 -m -w 3
T
    run_wait_table "$TEST_TMP/expected"
    # a local client's SYN leaves a connection entry on 10.0.0.3:80 (nobody answers on the dummy link), which
    # keeps that real draining until the drain deadline
    local i
    for i in 1 2 3 4; do timeout 1 bash -c 'exec 3<>/dev/tcp/192.168.10.1/80' 2>/dev/null || true; done
    ipvsadm -Ln | awk '$2 == "10.0.0.3:80" && ($5 + $6) > 0 {found=1} END {exit !found}' \
        || fail "no connection entry on 10.0.0.3:80: $(ipvsadm -Ln)"

    _cf "$drain" "" | write_cf
    sed 's/10.0.0.3:80 -g -w 2/10.0.0.3:80 -g -w 0/' "$TEST_TMP/expected" >"$TEST_TMP/draining"
    run_wait_table "$TEST_TMP/draining"
    mono_seconds
    local drain_began=$MONO changes transitions runs
    changes=$(_changes)
    transitions=$(grep -c ' -> ' "$TEST_TMP/lvsd.log" || true)

    for step in +1 -1 -1; do
        _step_clock "$step"
        runs=$(run_status_field runs.completed)
        # three more check runs per real (checkinterval=1): the schedule goes on after the step
        wait_for 60 _checks_run_past $((runs + 6))
        run_table_is "$TEST_TMP/draining" || fail "after a ${step} h step the table changed:
$(cat "$TEST_TMP/table.diff")
$(tail -n 20 "$TEST_TMP/lvsd.log")"
    done
    assert_eq "$changes" "$(_changes)" "kernel changes across the clock steps"
    assert_eq "$transitions" "$(grep -c ' -> ' "$TEST_TMP/lvsd.log" || true)" "health transitions across the clock steps"

    # the drain ends at its monotonic deadline: not an hour early, not an hour late
    grep -v '10.0.0.3:80 ' "$TEST_TMP/expected" >"$TEST_TMP/drained"
    run_wait_table "$TEST_TMP/drained"
    mono_seconds
    local took=$((MONO - drain_began))
    ((took >= drain - 2)) || fail "the drain ended after ${took} s, before its ${drain} s deadline"
    _unstep_clock
    _STEPPED=0
}
