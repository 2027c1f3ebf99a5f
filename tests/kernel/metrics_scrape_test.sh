# `lvsd run --metrics`: scrapes a running daemon (real connect checks against socat servers, the real IPVS
# table) over HTTP and checks the documented series (docs/metrics.md) with their values, then runs
# Prometheus's own linter on the scrape. No VRRP here (StatusMetricsTest covers the VRRP families).
source "$REPO/tests/kernel/run-daemon.bash"
source "$REPO/tests/kernel/health-servers.bash"

VIP=192.168.10.1
A=10.30.0.2
B=10.30.0.3
PORT=19917

# _scrape: GET /metrics over bash's /dev/tcp (no curl needed); the body into $TEST_TMP/scrape.txt.
_scrape() {
    exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return 1
    printf 'GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    tr -d '\r' <&3 >"$TEST_TMP/scrape.raw"
    exec 3<&-
    head -n 1 "$TEST_TMP/scrape.raw" | grep -q ' 200 ' || return 1
    sed '1,/^$/d' "$TEST_TMP/scrape.raw" >"$TEST_TMP/scrape.txt"
}

# _has LINE: the scrape has exactly this sample line.
_has() {
    grep -qxF "$1" "$TEST_TMP/scrape.txt"
}

_backend() {
    echo "local_address=\"$VIP\",local_mark=\"\",local_port=\"80\",proto=\"TCP\",remote_address=\"$1\",remote_port=\"80\""
}

# _scrape_shows LINE...: a fresh scrape has every line.
_scrape_shows() {
    _scrape || return 1
    local l
    for l in "$@"; do _has "$l" || return 1; done
}

test_a_scrape_shows_the_documented_series_with_their_values_and_promtool_accepts_it() {
    command -v promtool >/dev/null || fail "promtool not installed (tests/apt-packages.txt: prometheus)"
    hs_topology
    hs_start $A
    hs_start $B
    cat <<CF | write_cf
checkinterval=1
checktimeout=5
quiescent=yes
autoreload=no
virtual=$VIP:80
    real=$A:80 gate 1
    real=$B:80 gate 2
    scheduler=wrr
    checktype=connect
CF
    run_start --metrics "127.0.0.1:$PORT"
    hs_stop $A
    local want=(
        "lvsd_up 1.0"
        "lvsd_config_generation 1.0"
        "lvsd_reloads_total{result=\"accepted\"} 0.0"
        "lvsd_ipvs_backend_weight{$(_backend $A)} 0.0"
        "lvsd_ipvs_backend_weight{$(_backend $B)} 2.0"
        "lvsd_real_up{$(_backend $A)} 0.0"
        "lvsd_real_up{$(_backend $B)} 1.0"
        "lvsd_real_state{$(_backend $A),state=\"quiesced\"} 1.0"
        "lvsd_real_state{$(_backend $B),state=\"up\"} 1.0"
        "lvsd_real_state{$(_backend $B),state=\"quiesced\"} 0.0"
        "lvsd_fallback_active{local_address=\"$VIP\",local_mark=\"\",local_port=\"80\",proto=\"TCP\"} 0.0"
        "lvsd_ipvs_backend_connections_active{$(_backend $B)} 0.0"
        "lvsd_ipvs_backend_connections_inactive{$(_backend $B)} 0.0"
        "lvsd_ipvs_service_connections_total{local_address=\"$VIP\",local_mark=\"\",local_port=\"80\",proto=\"TCP\"} 0.0"
        "lvsd_checks{result=\"up\"} 1.0"
        "lvsd_checks{result=\"down\"} 1.0"
        "lvsd_owned_services 1.0"
    )
    if ! wait_for_quiet 180 _scrape_shows "${want[@]}"; then
        local l missing=""
        for l in "${want[@]}"; do _has "$l" || missing+="$l"$'\n'; done
        fail "the scrape lacks:
$missing
scrape (lvsd_ lines):
$(grep '^lvsd_' "$TEST_TMP/scrape.txt" 2>/dev/null | head -n 60)
daemon log:
$(tail -n 20 "$TEST_TMP/lvsd.log")"
    fi
    assert_contains "$(cat "$TEST_TMP/scrape.txt")" "# TYPE lvsd_reconcile_cycles_total counter"
    # per check: every run in the histogram, A's refused connects counted under their reason
    local b="real=\"$B:80\",virtual=\"tcp:$VIP:80\""
    grep -qE "^lvsd_check_duration_seconds_count\{$b\} [1-9][0-9]*$" "$TEST_TMP/scrape.txt" \
        || fail "no runs of B's check in the histogram: $(grep duration_seconds_count "$TEST_TMP/scrape.txt")"
    grep -qE "^lvsd_check_failures_total\{real=\"$A:80\",reason=\"refused\",virtual=\"tcp:$VIP:80\"\} [1-9][0-9.]*$" \
        "$TEST_TMP/scrape.txt" || fail "A's refused checks not counted: $(grep failures_total "$TEST_TMP/scrape.txt")"
    grep -q "^lvsd_check_failures_total{$b" "$TEST_TMP/scrape.txt" && fail "B never failed but has failures"
    grep -q '^jvm_memory_used_bytes{' "$TEST_TMP/scrape.txt" || fail "no JVM families in the scrape"
    local lint status=0
    lint=$(promtool check metrics <"$TEST_TMP/scrape.txt" 2>&1) || status=$?
    assert_eq "0:" "$status:$lint" "promtool check metrics"
    run_stop
}
