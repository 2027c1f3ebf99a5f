# The real-server phases of issue 10 on a running e2e scenario (tests/e2e/e2e-topology.bash), shared by the DR
# and NAT suites: each phase is marked on the client's clock, driven, and later asserted on the client's counts.
# Sourced after e2e-topology.bash.

# The failure window for a dead real (issue 10), in seconds.
e2e_window() {
    echo $((E2E_CHECKINTERVAL + E2E_CHECKTIMEOUT + 1))
}

# _assert_clean PHASE: no failed request in PHASE.
_assert_clean() {
    assert_eq 0 "$(e2e_phase failed "$1")" "failed requests in phase $1 ($(e2e_phase reasons "$1"))"
}

# _assert_failures_within_window PHASE: failures in PHASE only within the window after it started.
_assert_failures_within_window() {
    local last
    last=$(e2e_phase last_fail "$1")
    (($(e2e_centis "$last") <= $(e2e_window) * 100)) ||
        fail "phase $1: a request failed ${last} s after the kill, the window is $(e2e_window) s ($(e2e_phase reasons "$1"))"
}

# _steady: a phase in which every real serves.
_steady() {
    e2e_mark "$1"
    local s
    for s in r1 r2 r3; do e2e_wait_served "$s" 3; done
}

# The phases of the real-server story on a running scenario; quiescent=yes (weight 0) or no (deleted).
_real_server_story() {
    local gone=$1
    _steady steady

    # one real dies: lvsd quiesces it (or deletes it); afterwards the others serve every request
    e2e_mark r1-killed
    e2e_server_stop r1
    e2e_wait_weight "$E2E_MASTER" r1 "$gone"
    e2e_wait_served r2 5
    e2e_wait_served r3 5
    # long enough for every pooled source port to come round again several times
    e2e_wait_requests 30
    e2e_mark r1-down
    e2e_wait_requests 30

    # it returns
    e2e_mark r1-back
    e2e_server_start r1
    e2e_wait_weight "$E2E_MASTER" r1 1
    e2e_wait_served r1 3

    # all reals die: the sorry server answers
    e2e_mark all-killed
    e2e_server_stop r1
    e2e_server_stop r2
    e2e_server_stop r3
    e2e_wait_weight "$E2E_MASTER" sorry 1
    e2e_wait_served sorry 5
    e2e_wait_requests 30
    e2e_mark all-down
    e2e_wait_requests 30

    # they return: they serve, the fallback goes
    e2e_mark reals-back
    local s
    for s in r1 r2 r3; do e2e_server_start "$s"; done
    e2e_wait_weight "$E2E_MASTER" sorry absent
    e2e_mark reals-serving
    for s in r1 r2 r3; do e2e_wait_served "$s" 3; done
    e2e_wait_requests 30
}

# _assert_real_server_story: the counts of _real_server_story's phases.
_assert_real_server_story() {
    local s
    _assert_clean steady
    for s in r1 r2 r3; do
        (($(e2e_served_in steady "$s") > 0)) || fail "$s served nothing in the steady phase"
    done
    _assert_failures_within_window r1-killed
    _assert_clean r1-down
    assert_eq 0 "$(e2e_served_in r1-down r1)" "requests r1 answered while down"
    assert_eq 0 "$(e2e_served_in r1-down sorry)" "requests the sorry server answered with two reals up"
    _assert_clean r1-back
    _assert_failures_within_window all-killed
    _assert_clean all-down
    assert_eq "$(e2e_phase requests all-down)" "$(e2e_served_in all-down sorry)" "requests the sorry server answered with all reals down"
    # lvsd deletes the fallback at once: a request in flight to it loses its next packets (a reset)
    _assert_failures_within_window reals-back
    _assert_clean reals-serving
    assert_eq 0 "$(e2e_served_in reals-serving sorry)" "requests the sorry server answered after the reals returned"
    for s in r1 r2 r3; do
        (($(e2e_served_in reals-serving "$s") > 0)) || fail "$s served nothing after the reals returned"
    done
}

# _config_edit_story FWD: edits of the file both directors run (autoreload): a weight change, a real removed with
# drain=, a real added. No request may fail.
_config_edit_story() {
    local fwd=$1 r1 r2 r3
    r1=$(e2e_addr r1) r2=$(e2e_addr r2) r3=$(e2e_addr r3)
    e2e_mark edit-weight
    e2e_write_cf "$E2E_GLOBALS" "    drain=2" "    real=$r1:80 $fwd 1
    real=$r2:80 $fwd 3
    real=$r3:80 $fwd 1"
    e2e_wait_weight "$E2E_MASTER" r2 3
    e2e_wait_weight "$E2E_BACKUP" r2 3
    e2e_wait_requests 30
    e2e_mark edit-remove
    e2e_write_cf "$E2E_GLOBALS" "    drain=2" "    real=$r1:80 $fwd 1
    real=$r2:80 $fwd 3"
    e2e_wait_weight "$E2E_MASTER" r3 absent
    e2e_wait_requests 30
    e2e_mark edit-add
    e2e_write_cf "$E2E_GLOBALS" "    drain=2" "    real=$r1:80 $fwd 1
    real=$r2:80 $fwd 3
    real=$r3:80 $fwd 2"
    e2e_wait_weight "$E2E_MASTER" r3 2
    e2e_wait_served r3 3
}

_assert_config_edit_story() {
    local p
    for p in edit-weight edit-remove edit-add; do _assert_clean "$p"; done
    (($(e2e_served_in edit-add r3) > 0)) || fail "the added real served nothing"
}
