# End to end, LVS-DR: two directors running `lvsd run` on one ldirectord.cf (virtual service + VRRP), three
# busybox httpd reals and a sorry server, one client sending a request every 50 ms through the VIP for the whole
# scenario. Every phase is asserted on the client's own counts (tests/e2e/e2e-client.py); the only time bound
# is the one issue 10 asks for, a generous one: a dead real may fail requests only until it is quiesced
# (checkinterval + checktimeout + 1 s after the kill, on the client's clock).
# The two JVM starts in the emulated VM take minutes when the host is busy: a longer per-test deadline.
# run-suite: timeout=1200
source "$REPO/tests/e2e/e2e-topology.bash"
source "$REPO/tests/e2e/e2e-phases.bash"

# The whole real-server story, DR, quiescent=yes, with the client's source ports taken from a small pool (a
# 4-tuple recurs within a second): the case where IPVS would hand a new connection on an old entry to a dead
# real unless lvsd has the kernel reschedule it.
test_dr_real_failures_fallback_and_config_edits_fail_only_inside_the_window() {
    e2e_scenario_start dr "quiescent=yes" --port-pool 16
    _real_server_story 0
    _config_edit_story gate
    e2e_mark end
    e2e_client_stop
    echo "scenario took $((SECONDS - E2E_T0)) s of VM time"
    _assert_real_server_story
    _assert_config_edit_story
    grep -q "set net.ipv4.vs.expire_nodest_conn=1" "$TEST_TMP/$E2E_MASTER.log" || fail "lvsd did not log its IPVS sysctls"
}
