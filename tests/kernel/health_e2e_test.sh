# End to end: real servers in a namespace, `lvsd run` checking them, the kernel's IPVS table observed with
# ipvsadm-save. Each test starts lvsd once (a JVM start costs many seconds in the emulated VM); deadlines are
# generous and nothing asserts wall time: orderings come from the kernel table, lvsd's transition log and the
# servers' own request logs.
source "$REPO/tests/kernel/run-daemon.bash"
source "$REPO/tests/kernel/health-servers.bash"

VIP=192.168.10.1:80
A=10.30.0.2
B=10.30.0.3
C=10.30.0.4
FALLBACK=10.30.0.9

# _cf CHECK-LINES [GLOBAL-LINES]: one virtual, reals A (weight 1) and B (weight 2), checks every second.
_cf() {
    cat <<CF
checkinterval=1
checktimeout=10
autoreload=no
${2:-}
virtual=$VIP
    real=$A:80 gate 1
    real=$B:80 gate 2
    scheduler=wrr
$1
CF
}

# _weight IP: the kernel weight of real IP:80 in the virtual, or "absent".
_weight() {
    local w
    w=$(ipvsadm-save -n | awk -v r="$1:80" '$1 == "-a" && $5 == r {print $8}')
    echo "${w:-absent}"
}

_weight_is() {
    [[ $(_weight "$1") == "$2" ]]
}

# _wait_weight IP WEIGHT: waits for the kernel to say so, explaining on timeout.
_wait_weight() {
    if ! wait_for_quiet 120 _weight_is "$1" "$2"; then
        fail "real $1:80 never got weight $2 (now $(_weight "$1")):
$(ipvsadm-save -n)
daemon log:
$(tail -n 30 "$TEST_TMP/lvsd.log")"
    fi
}

# _transitions IP: lvsd's transition log lines for real IP:80.
_transitions() {
    grep -F "real $1:80:" "$TEST_TMP/lvsd.log" || true
}

# _transitions_since IP N: those after the first N.
_transitions_since() {
    _transitions "$1" | tail -n +$(($2 + 1))
}

_both_up() {
    cat >"$TEST_TMP/up" <<T
-A -t $VIP -s wrr
-a -t $VIP -r $A:80 -g -w 1
-a -t $VIP -r $B:80 -g -w 2
T
    run_wait_table "$TEST_TMP/up"
}

test_quiescent_yes_dead_real_gets_weight_zero_and_returns() {
    hs_topology
    hs_start $A
    hs_start $B
    _cf "    checktype=connect" "quiescent=yes" | write_cf
    run_start
    _both_up
    hs_stop $A
    _wait_weight $A 0
    assert_eq 2 "$(_weight $B)" "weight of the live real"
    assert_contains "$(_transitions $A)" "-> quiesced"
    hs_start $A
    _wait_weight $A 1
    assert_eq 2 "$(_weight $B)" "weight of the live real"
}

test_quiescent_no_dead_real_is_deleted() {
    hs_topology
    hs_start $A
    hs_start $B
    _cf "    checktype=connect" "quiescent=no" | write_cf
    run_start
    _both_up
    hs_stop $B
    _wait_weight $B absent
    assert_eq 1 "$(_weight $A)" "weight of the live real"
    assert_contains "$(_transitions $B)" "-> removed"
}

test_all_dead_brings_fallback_and_fallbackcommand_one_back_removes_it() {
    hs_topology
    hs_start $A
    hs_start $B
    cat >"$TEST_TMP/fallbackcommand" <<SH
#!/bin/sh
echo "\$*" >>"$TEST_TMP/fallbackcommand.log"
SH
    chmod +x "$TEST_TMP/fallbackcommand"
    _cf "    checktype=connect
    fallback=$FALLBACK:80 gate
    fallbackcommand=$TEST_TMP/fallbackcommand" "quiescent=yes" | write_cf
    run_start
    _both_up
    [[ ! -e "$TEST_TMP/fallbackcommand.log" ]] || fail "fallbackcommand ran while reals were up"

    hs_stop $A
    _wait_weight $A 0
    # one real still up: no fallback yet
    assert_eq absent "$(_weight $FALLBACK)" "fallback with one real up"
    hs_stop $B
    cat >"$TEST_TMP/fallback" <<T
-A -t $VIP -s wrr
-a -t $VIP -r $A:80 -g -w 0
-a -t $VIP -r $B:80 -g -w 0
-a -t $VIP -r $FALLBACK:80 -g -w 1
T
    run_wait_table "$TEST_TMP/fallback"
    wait_for 60 test -s "$TEST_TMP/fallbackcommand.log"
    assert_eq "start $VIP tcp" "$(cat "$TEST_TMP/fallbackcommand.log")" "fallbackcommand runs"

    hs_start $B
    cat >"$TEST_TMP/one-back" <<T
-A -t $VIP -s wrr
-a -t $VIP -r $A:80 -g -w 0
-a -t $VIP -r $B:80 -g -w 2
T
    run_wait_table "$TEST_TMP/one-back"
    wait_for 60 bash -c '[[ $(wc -l <"$1") -ge 2 ]]' _ "$TEST_TMP/fallbackcommand.log"
    assert_eq "start $VIP tcp
stop $VIP tcp" "$(cat "$TEST_TMP/fallbackcommand.log")" "fallbackcommand runs"
}

test_maintenancedir_file_takes_a_real_out_and_removing_it_brings_it_back() {
    hs_topology
    hs_start $A
    hs_start $B
    mkdir -p "$TEST_TMP/maint"
    _cf "    checktype=connect" "quiescent=no
maintenancedir=$TEST_TMP/maint" | write_cf
    run_start
    _both_up
    touch "$TEST_TMP/maint/$A:80"
    _wait_weight $A absent
    assert_eq 2 "$(_weight $B)" "weight of the other real"
    # the server itself is healthy all along: only the file took it out
    ip netns exec "$HS_NS" bash -c "exec 3<>/dev/tcp/$A/80" || fail "server $A went down"
    rm -f "$TEST_TMP/maint/$A:80"
    _wait_weight $A 1
    # a file without a port covers the host too
    touch "$TEST_TMP/maint/$B"
    _wait_weight $B absent
    rm -f "$TEST_TMP/maint/$B"
    _both_up
}

test_failurecount_and_rise_are_honoured() {
    hs_topology
    hs_start $A
    hs_start $B
    _cf '    checktype=negotiate
    service=http
    request="/"
    receive="ok"
    negotiatetimeout=30' "quiescent=yes
failurecount=3
rise=2" | write_cf
    run_start
    _both_up

    # transitions from here on (a start under heavy load may have logged a spurious timeout before)
    local t0
    t0=$(_transitions $A | wc -l)

    # two failed checks in a row, then ok: failurecount=3 keeps the real in
    local n
    n=$(hs_count $A)
    hs_queue $A fail fail
    wait_for 120 hs_count_at_least $A $((n + 5))
    assert_eq 2 "$(hs_count $A fail)" "failed checks answered"
    assert_eq 1 "$(_weight $A)" "weight after two failed checks"
    assert_eq "" "$(_transitions_since $A "$t0")" "transitions of A after two failures"

    # three in a row take it out
    hs_default $A fail
    _wait_weight $A 0
    local fails
    fails=$(hs_count $A fail)
    ((fails >= 5)) || fail "quiesced after $((fails - 2)) consecutive failures, failurecount is 3"

    # rise=2: single successes between failures do not bring it back
    n=$(hs_count $A)
    hs_queue $A ok fail fail ok fail
    wait_for 120 hs_count_at_least $A $((n + 7))
    assert_eq 0 "$(_weight $A)" "weight after isolated successes"
    assert_eq 0 "$(_transitions_since $A "$t0" | grep -c -- '-> up' || true)" "times A came up"
    # two in a row do
    hs_default $A ok
    _wait_weight $A 1
    assert_eq 2 "$(_weight $B)" "weight of the other real"
    assert_eq 1 "$(_transitions_since $A "$t0" | grep -c -- '-> up' || true)" "times A came up"
    assert_eq 1 "$(_transitions_since $A "$t0" | grep -c -- '-> quiesced' || true)" "times A was quiesced"
}

test_slow_server_does_not_delay_detection_of_another_failure() {
    hs_topology
    hs_start $A
    hs_start $B
    hs_start $C
    _cf '    real='"$C"':80 gate 3
    checktype=negotiate
    service=http
    request="/"
    receive="ok"
    negotiatetimeout=300' "quiescent=yes" | write_cf
    run_start
    _wait_weight $A 1
    _wait_weight $B 2
    _wait_weight $C 3

    # C accepts and never answers: its check hangs for up to 300 s
    hs_default $C hang
    wait_for 120 hs_count_at_least $C 1 hang
    # A dies while C's check is in flight
    hs_stop $A
    _wait_weight $A 0
    # C's hanging check has not finished: it is still up, with no transition, and still hanging
    assert_eq 3 "$(_weight $C)" "weight of the hanging real"
    assert_eq "" "$(_transitions $C | grep -v -- '-> up' || true)" "transitions of C"
    assert_eq 1 "$(hs_count $C hang)" "hanging checks of C"
    assert_eq 2 "$(_weight $B)" "weight of the healthy real"
    # and B kept being checked meanwhile
    local n
    n=$(hs_count $B)
    wait_for 60 hs_count_at_least $B $((n + 2))
}
