#!/usr/bin/env bash
# VRRP failover benchmark: two directors in network namespaces, kill -9 the master, and measure the time
# until the backup holds the VIP (rtnetlink event, `ip -ts monitor address`) and until its first
# gratuitous ARP reaches the dead master's link (tcpdump -tt). lvsd->lvsd and keepalived->keepalived with
# the same settings, side by side in one run: v2 with advert_int 1 s and v3 with advert_int 0.1 s.
#
#   tests/bench/vrrp_failover.sh [TRIALS]      (root; default 5 trials per configuration)
#
# Prints one line per configuration: median, min and max in milliseconds. Raw samples go to
# tests/out/bench/vrrp_failover.tsv.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
trials=${1:-5}
out="$REPO/tests/out/bench"
mkdir -p "$out/vrrp"
TEST_TMP="$out/vrrp"
source "$REPO/tests/lib/testlib.bash"
source "$REPO/tests/lib/netns.bash"
source "$REPO/tests/netns/vrrp-helpers.bash"
cd "$TEST_TMP"
VIP=10.77.0.100
tsv="$out/vrrp_failover.tsv"
echo -e "impl\tversion\tadvert\ttrial\tvip_ms\tgarp_ms" >"$tsv"

two_nodes vbench

epoch_of_monitor_line() { # "[2026-11-25T12:41:01.123456] ..." -> seconds since the epoch
    local ts
    ts=$(sed -n "s/^\[\([0-9T:.-]*\)\].*inet $VIP\/.*/\1/p" "$1" | head -1)
    [[ -n "$ts" ]] && date -d "${ts/T/ }" +%s.%N
}

one_trial() {
    local impl=$1 version=$2 advert=$3 trial=$4
    ip -n vbench-a addr del $VIP/32 dev eth0 2>/dev/null || true
    ip -n vbench-b addr del $VIP/32 dev eth0 2>/dev/null || true
    rm -f a.* b.* ka.* kb.*
    if [[ $impl == lvsd ]]; then
        lvsd_conf a.cf eth0 90 150 "$version" "$advert" $VIP/32
        lvsd_conf b.cf eth0 90 100 "$version" "$advert" $VIP/32
        vrrp_start vbench-a a a.cf
        wait_for 30 state_is a MASTER
        vrrp_start vbench-b b b.cf
        wait_for 30 counter_at_least b adverts_received 3
    else
        ka_conf ka.conf eth0 90 150 "$version" "$advert" $VIP/32
        ka_conf kb.conf eth0 90 100 "$version" "$advert" $VIP/32
        ka_start vbench-a a ka.conf
        wait_for 30 has_vip vbench-a $VIP
        ka_start vbench-b b kb.conf
        wait_for 30 grep -q "Entering BACKUP STATE" b.log
        # keepalived logs nothing per advert: give the backup three intervals of adverts (not a sync point).
        sleep "$(awk -v a="$advert" 'BEGIN {print 3 * a}')"
    fi
    lacks_vip vbench-b $VIP || fail "$impl: backup holds the VIP before the kill"
    local mac
    mac=$(mac_of vbench-b eth0)
    ip -n vbench-b -ts monitor address >mon.txt 2>&1 &
    local mon=$!
    ip netns exec vbench-a tcpdump -l -tt -n -e -i eth0 arp >arp.txt 2>arp.err &
    local dump=$!
    wait_for 10 grep -q "listening on" arp.err
    sleep 0.2 # let `ip monitor` subscribe (it prints nothing when ready)
    local t0
    t0=$EPOCHREALTIME
    node_kill9 a
    wait_for 30 has_vip vbench-b $VIP
    wait_for 30 grep -q "^[0-9.]* $mac .*Request who-has $VIP .*tell $VIP," arp.txt
    kill "$mon" "$dump" 2>/dev/null || true
    wait "$mon" "$dump" 2>/dev/null || true
    local tv tg
    tv=$(epoch_of_monitor_line mon.txt)
    tg=$(grep -m1 "^[0-9.]* $mac .*Request who-has $VIP .*tell $VIP," arp.txt | cut -d' ' -f1)
    node_kill9 b
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$impl" "$version" "$advert" "$trial" \
        "$(awk -v a="$tv" -v b="$t0" 'BEGIN {printf "%.0f", (a - b) * 1000}')" \
        "$(awk -v a="$tg" -v b="$t0" 'BEGIN {printf "%.0f", (a - b) * 1000}')" >>"$tsv"
}

for cfg in "3 0.1" "2 1"; do
    read -r version advert <<<"$cfg"
    for ((t = 1; t <= trials; t++)); do
        for impl in lvsd keepalived; do
            one_trial "$impl" "$version" "$advert" "$t"
        done
    done
done

summary() {
    awk -F'\t' 'NR > 1 {k = $1 " v" $2 " advert_int " $3; v[k] = v[k] " " $5; g[k] = g[k] " " $6}
        END {for (k in v) print k "|" v[k] "|" g[k]}' "$tsv" | sort | while IFS='|' read -r k vs gs; do
        printf '%-32s VIP  %s\n%-32s GARP %s\n' "$k" "$(stats $vs)" "" "$(stats $gs)"
    done
}
stats() {
    printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {
        m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
        printf "median %6.0f ms  min %6.0f  max %6.0f  (n=%d)", m, a[1], a[NR], NR}'
}
echo "VRRP failover after kill -9 of the master ($trials trials each; $(nproc) CPUs, $(uname -r))"
summary
