# End to end, LVS-NAT: the same two directors, reals and client as the DR suite (tests/e2e/e2e-topology.bash),
# the reals on the inside subnet routing through the floating gateway 10.51.0.1, which a vrrp_sync_group moves
# with the outside VIP. A dead real is deleted here (quiescent=no); the DR suite covers quiescent=yes. Asserted on
# the client's own counts; the only time bound is issue 10's failure window for a dead real.
# The two JVM starts in the emulated VM take minutes when the host is busy: a longer per-test deadline.
# run-suite: timeout=1200
source "$REPO/tests/e2e/e2e-topology.bash"
source "$REPO/tests/e2e/e2e-phases.bash"

test_nat_real_failures_fallback_and_config_edits_fail_only_inside_the_window() {
    e2e_scenario_start nat "quiescent=no" --port-pool 16
    # the master holds both addresses of the sync group, the backup neither
    e2e_has_vip "$E2E_MASTER" "$E2E_GW" || fail "$E2E_MASTER is master without the inside gateway"
    ! e2e_has_vip "$E2E_BACKUP" "$E2E_GW" || fail "the backup $E2E_BACKUP holds the inside gateway"
    _real_server_story absent
    _config_edit_story masq
    e2e_mark end
    e2e_client_stop
    echo "scenario took $((SECONDS - E2E_T0)) s of VM time"
    _assert_real_server_story
    _assert_config_edit_story
}
