#!/usr/bin/env bash
# Benchmark: lvsd run vs ldirectord on the same ldirectord.cf, side by side in ONE test-VM run.
#   1. load the whole file into an empty table (process start to the kernel showing every destination);
#   2. with the table loaded, change one real's weight in the file (written and renamed): time from the
#      write to `ipvsadm` showing the new weight, and for lvsd the number of netlink write requests it took
#      (its status file counts every IPVS change; each change is one request).
# checktype=on everywhere, so neither tool runs health checks. Time inside the VM is emulated (qemu TCG):
# compare the two tools with each other, not with real hardware.
#
#   scripts/kernel-vm --timeout 3600 -- tests/bench/daemon-reload.sh [VIRTUALS] [REALS] [LDIRECTORD_CAP_S]
#
# ldirectord spawns ipvsadm and re-reads the whole table twice per destination it adds (O(n^2) for a full
# load), so its load is capped at LDIRECTORD_CAP_S seconds (default 600); if the cap is hit the script reports
# how far it got, and skips its edit measurement.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
nv=${1:-1000} nr=${2:-10} cap=${3:-600}
[[ ${LVSD_IN_VM:-} == 1 ]] || { echo "run inside the test VM: scripts/kernel-vm -- $0 $*" >&2; exit 2; }
work="$repo/tests/out/bench/daemon-reload"
rm -rf "$work"; mkdir -p "$work"
total=$((nv * nr))

now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", b - a}'; }
dests() { ipvsadm -Ln | grep -c -- '->.*Route' || true; }

# Reals on a dummy link so IPVS accepts the direct-routing destinations.
ip link add bench0 type dummy; ip link set bench0 up; ip addr add 10.200.0.254/16 dev bench0
ipvsadm -C

# One file for both tools: virtual i is 10.100.(i/250).(i%250+1):80, its reals 10.200.(r).(i%250+1):80.
gen() {
    local weight_of_first=$1
    echo "checkinterval=1"
    echo "autoreload=yes"
    echo "quiescent=no"
    echo "cleanstop=yes"
    awk -v nv="$nv" -v nr="$nr" -v w1="$weight_of_first" 'BEGIN {
        for (i = 0; i < nv; i++) {
            printf "virtual=10.100.%d.%d:80\n    checktype=on\n    scheduler=wrr\n", int(i / 250), i % 250 + 1
            for (r = 0; r < nr; r++) {
                w = (i == 0 && r == 0) ? w1 : 1
                printf "    real=10.200.%d.%d:80 gate %d\n", r, i % 250 + 1, w
            }
        }
    }'
}
# real addresses must be unique per virtual only; they repeat across virtuals, as in real farms
gen 1 >"$work/ldirectord.cf"
gen 7 >"$work/edited.cf"
edit() { cp "$work/edited.cf" "$work/ldirectord.cf.new"; mv -f "$work/ldirectord.cf.new" "$work/ldirectord.cf"; }
unedit() { gen 1 >"$work/ldirectord.cf.new"; mv -f "$work/ldirectord.cf.new" "$work/ldirectord.cf"; }
weight_shows() { ipvsadm -Ln -t 10.100.0.1:80 | grep -q -- "-> 10.200.0.1:80 *Route *$1 "; }
wait_until() { # wait_until CAP_S CMD...: polls every 20 ms
    local cap=$1; shift; local end=$((SECONDS + cap))
    until "$@" >/dev/null 2>&1; do ((SECONDS < end)) || return 1; sleep 0.02; done
}
# Polling a full 10,000-entry listing competes with the tool for the VM's two CPUs: poll it every 0.5 s.
table_full() { [[ $(ipvsadm -Ln | grep -c -- '->.*Route') -ge $total ]]; }
wait_full() { # wait_full CAP_S
    local end=$((SECONDS + $1))
    until table_full; do ((SECONDS < end)) || return 1; sleep 0.5; done
}

echo "== lvsd run: $nv virtuals x $nr reals = $total destinations"
t0=$(now)
"$repo/scripts/lvsd" run -f "$work/ldirectord.cf" --pid-file "$work/lvsd.pid" --status-file "$work/status.json" \
    >"$work/lvsd.log" 2>&1 &
lvsd_pid=$!
wait_full 900 || { echo "lvsd did not load: $(dests) destinations"; tail -3 "$work/lvsd.log"; exit 1; }
t1=$(now)
wait_until 60 grep -q '"phase":"running"' "$work/status.json"
lvsd_load=$(elapsed "$t0" "$t1")
echo "lvsd load (process start -> $(dests) destinations in the kernel): ${lvsd_load}s"
changes() { grep -o '"kernel_changes":{"applied":[0-9]*' "$work/status.json" | grep -o '[0-9]*$'; }
c0=$(changes)
t0=$(now); edit
wait_until 120 weight_shows 7 || { echo "lvsd never applied the edit"; tail "$work/lvsd.log"; exit 1; }
t1=$(now)
sleep 2   # a reporting pause so any extra change would be counted (not synchronisation)
c1=$(changes)
echo "lvsd weight edit (write -> kernel shows it): $(elapsed "$t0" "$t1")s, netlink write requests: $((c1 - c0))"
kill -TERM "$lvsd_pid"; wait "$lvsd_pid" || true
echo "lvsd stop (cleanstop): $(dests) destinations left"
ipvsadm -C
unedit

echo "== ldirectord: same file (cap ${cap}s for the load)"
t0=$(now)
ldirectord -d "$work/ldirectord.cf" start >"$work/ldirectord.log" 2>&1 &
ld_pid=$!
if wait_full "$cap"; then
    t1=$(now)
    echo "ldirectord load (process start -> $(dests) destinations): $(elapsed "$t0" "$t1")s"
    t0=$(now); edit
    if wait_until "$cap" weight_shows 7; then
        t1=$(now)
        echo "ldirectord weight edit (write -> kernel shows it): $(elapsed "$t0" "$t1")s"
    else
        echo "ldirectord weight edit: not applied within ${cap}s"
    fi
else
    echo "ldirectord load: NOT finished after ${cap}s: $(dests) of $total destinations in the kernel"
fi
kill -TERM "$ld_pid" 2>/dev/null || true
wait "$ld_pid" 2>/dev/null || true
ipvsadm -C
ip link del bench0
