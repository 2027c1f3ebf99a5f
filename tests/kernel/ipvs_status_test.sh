# lvsd status / lvsd ipvs save must print exactly what ipvsadm prints for the same kernel table.
source "$REPO/tests/kernel/ipvs-fixtures.bash"

# _same_view NAME "IPVSADM CMD" "LVSD CMD": the two print the same bytes. lvsd runs first and ipvsadm right
# after, so both read the kernel within a fraction of a second; counters and rates only move on the
# kernel's 2 s estimator tick (and connection entries expire), so a pair that straddles a tick is retaken.
_same_view() {
    local name=$1 ipvsadm_cmd=$2 lvsd_cmd=$3 i
    for i in 1 2 3 4 5 6 7 8; do
        eval "$lvsd_cmd" >"$TEST_TMP/lvsd-$name.txt"
        eval "$ipvsadm_cmd" >"$TEST_TMP/ipvsadm-$name.txt"
        cmp -s "$TEST_TMP/ipvsadm-$name.txt" "$TEST_TMP/lvsd-$name.txt" && return 0
    done
    assert_file_eq "$TEST_TMP/ipvsadm-$name.txt" "$TEST_TMP/lvsd-$name.txt"
}

# Two rate views 2.5 s apart (more than one estimator tick) are the same.
_rates_frozen() {
    ipvsadm -Ln --rate >"$TEST_TMP/frozen-rate.txt"
    sleep 2.5
    ipvsadm -Ln --rate | cmp -s - "$TEST_TMP/frozen-rate.txt"
}

_compare_all_views() {
    _same_view plain "ipvsadm -Ln" "lvsd status"
    _same_view stats "ipvsadm -Ln --stats" "lvsd status --stats"
    _same_view rate "ipvsadm -Ln --rate" "lvsd status --rate"
    _same_view save "ipvsadm-save -n" "lvsd ipvs save"
}

test_empty_table_matches_ipvsadm() {
    ipvs_dummy
    ipvsadm -Ln >"$TEST_TMP/ipvsadm.txt"
    lvsd status >"$TEST_TMP/lvsd.txt"
    assert_file_eq "$TEST_TMP/ipvsadm.txt" "$TEST_TMP/lvsd.txt"
    assert_eq "" "$(lvsd ipvs save)" "save of an empty table"
}

# The rich table (every service kind, scheduler and forwarding method, built by ipvsadm one command at a
# time) plus a NAT service that carried real TCP connections, so counters and rates are non-zero.
test_rich_table_with_real_traffic_matches_ipvsadm() {
    ipvs_dummy
    ipvs_rich_table_with_ipvsadm
    [[ $(ipvsadm-save -n | wc -l) -ge 30 ]] || fail "the rich table was not built"
    ipvs_nat_traffic 5
    # the estimator updates rates every 2 s: wait until it reports traffic, so --rate compares non-zero values
    wait_for 120 bash -c 'ipvsadm -Ln --rate | grep -q "^TCP  10.20.0.1:80 *[0-9]* *[1-9]"'
    # the kernel folds its per-CPU counters into the totals it reports on the same 2 s estimator tick:
    # wait until all five connections are in them
    wait_for 60 bash -c "ipvsadm -Ln --stats | grep -q '^TCP  10.20.0.1:80 *5 '"
    # Freeze the estimator while the rates are non-zero: every tick moves them, and on a slow machine lvsd's
    # start-up alone can outlast a tick, so no pair read apart would ever agree. With run_estimation=0 the
    # kernel keeps reporting the last rates and totals unchanged; wait until two reads a tick apart agree.
    sysctl -qw net.ipv4.vs.run_estimation=0
    defer sysctl -qw net.ipv4.vs.run_estimation=1
    wait_for 60 _rates_frozen
    grep -Eq '^TCP  10\.20\.0\.1:80( +[0-9]+)* +[1-9]' "$TEST_TMP/frozen-rate.txt" ||
        fail "the rates were zero when the estimator stopped: $(cat "$TEST_TMP/frozen-rate.txt")"
    _compare_all_views
}

test_status_json_describes_the_table() {
    ipvs_dummy
    ipvsadm -A -t 192.168.1.1:80 -s wrr -p 300 -M 255.255.255.0
    ipvsadm -a -t 192.168.1.1:80 -r 10.0.0.2:80 -m -w 4 -x 10 -y 2
    ipvsadm -A -f 7 -6 -s sh -b sh-port
    lvsd status --json >"$TEST_TMP/status.json"
    cat >"$TEST_TMP/expected.json" <<'JSON'
{"schema":"lvsd.status/1","ipvs":{"version":"1.2.1","connTableSize":4096},"services":[
{"family":"inet","protocol":"tcp","address":"192.168.1.1","port":80,"scheduler":"wrr","flags":1,"schedulerFlags":"","onePacket":false,"persistent":true,"persistenceTimeout":300,"netmask":"255.255.255.0","pe":"","stats":{"conns":0,"inPackets":0,"outPackets":0,"inBytes":0,"outBytes":0,"cps":0,"inPps":0,"outPps":0,"inBps":0,"outBps":0},"destinations":[
  {"address":"10.0.0.2","port":80,"forwarding":"masq","weight":4,"upperThreshold":10,"lowerThreshold":2,"activeConns":0,"inactiveConns":0,"persistentConns":0,"stats":{"conns":0,"inPackets":0,"outPackets":0,"inBytes":0,"outBytes":0,"cps":0,"inPps":0,"outPps":0,"inBps":0,"outBps":0}}]},
{"family":"inet6","fwmark":7,"scheduler":"sh","flags":16,"schedulerFlags":"sh-port","onePacket":false,"persistent":false,"persistenceTimeout":0,"netmask":"128","pe":"","stats":{"conns":0,"inPackets":0,"outPackets":0,"inBytes":0,"outBytes":0,"cps":0,"inPps":0,"outPps":0,"inBps":0,"outBps":0},"destinations":[]}
]}
JSON
    assert_file_eq "$TEST_TMP/expected.json" "$TEST_TMP/status.json"
}

test_without_cap_net_admin_gives_a_plain_error() {
    ipvs_dummy
    assert_status 1 setpriv --bounding-set=-net_admin --inh-caps=-net_admin "$REPO/scripts/lvsd" status
    assert_eq "lvsd: permission denied: IPVS needs CAP_NET_ADMIN (run as root)" "$(cat "$TEST_TMP/err")"
}
