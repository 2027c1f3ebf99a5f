# `lvsd run` across a reload of the ip_vs module: the generic netlink family comes back with a new id, so a
# daemon that kept its first socket and family id would fail every cycle until restarted.
source "$REPO/tests/kernel/run-daemon.bash"

_cf() {
    cat <<'CF'
virtual=192.168.10.1:80
    checktype=on
    real=10.0.0.2:80 gate 1
    real=10.0.0.3:80 gate 2
    scheduler=wrr
CF
}

_table() {
    cat <<'T'
-A -t 192.168.10.1:80 -s wrr
-a -t 192.168.10.1:80 -r 10.0.0.2:80 -g -w 1
-a -t 192.168.10.1:80 -r 10.0.0.3:80 -g -w 2
T
}

# _unload_ip_vs: empties the table behind lvsd's back (a module with services cannot be unloaded) and unloads
# ip_vs with every module that uses it (the schedulers). lvsd may refill the table between the flush and the
# rmmod (it resyncs every 5 s), so the whole step is retried a few times.
_unload_ip_vs() {
    local attempt m
    IP_VS_USERS=$(awk '$1 == "ip_vs" { print $4 }' /proc/modules | tr ',' ' ' | sed 's/-//g')
    # the other suites expect every scheduler loaded, whatever happens here
    defer _load_ip_vs
    for attempt in 1 2 3 4 5; do
        ipvsadm -C
        for m in $(awk '$1 == "ip_vs" { print $4 }' /proc/modules | tr ',' ' ' | sed 's/-//g'); do
            rmmod "$m" 2>/dev/null || true
        done
        rmmod ip_vs 2>/dev/null && return 0
        sleep 0.2
    done
    fail "rmmod ip_vs failed 5 times: $(grep '^ip_vs' /proc/modules)"
}

_load_ip_vs() {
    local m
    modprobe ip_vs || return 1
    for m in $IP_VS_USERS; do
        modprobe "$m" || return 1
    done
}

test_lvsd_restores_the_table_after_ip_vs_is_reloaded() {
    ipvs_dummy
    _cf | write_cf
    _table >"$TEST_TMP/expected"
    RUN_RESYNC_INTERVAL=5 run_start
    run_wait_table "$TEST_TMP/expected"

    _unload_ip_vs
    [[ ! -e /proc/net/ip_vs ]] || fail "ip_vs still loaded after rmmod"
    _load_ip_vs || fail "modprobe ip_vs or a scheduler failed"
    grep -q '^ip_vs_wrr ' /proc/modules || fail "ip_vs_wrr not loaded again"
    # lvsd resyncs every 5 s: the first resync after the module is back rebuilds the table (10 s leaves the
    # emulated VM time for the cycle itself)
    local t0=$SECONDS
    if ! wait_for_quiet 10 run_table_is "$TEST_TMP/expected"; then
        fail "table not restored within one resync of modprobe ip_vs:
$(cat "$TEST_TMP/table.diff")
daemon log:
$(tail -n 30 "$TEST_TMP/lvsd.log")"
    fi
    echo "table restored $((SECONDS - t0)) s after modprobe"
    kill -0 "$DAEMON_PID" || fail "lvsd run exited"
    assert_contains "$(cat "$TEST_TMP/lvsd.log")" "reopening the netlink socket"
    run_stop TERM || fail "lvsd run exited $? after SIGTERM"
    [[ -z $(ipvsadm-save -n) ]] || fail "table not empty after a clean stop: $(ipvsadm-save -n)"
}
