#!/usr/bin/env bash
# Benchmark: failure detection latency of `lvsd run` against the real kernel. A real server (socat in a
# namespace) is killed; the time from the kill to the kernel showing its weight 0 (quiescent=yes) is measured
# by a fork-free loop reading /proc/net/ip_vs. TRIALS times; each trial restarts the server, waits until the
# kernel has it back at weight 1, then waits a random 0..checkinterval before the kill, so kills fall at every
# phase of the check schedule. Reports min/median/p90/max against checkinterval + checktimeout + 50 ms.
# A killed server refuses connections, so the check fails at once; the checktimeout part of the target
# covers a server that stops answering instead. Time inside the VM is emulated (qemu TCG): the figures
# include a slow emulated CPU running the JVM.
#
#   scripts/kernel-vm --timeout 3000 -- tests/bench/detection-latency.sh [TRIALS] [CHECKINTERVAL] [CHECKTIMEOUT]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
trials=${1:-100} interval=${2:-1} timeout=${3:-1}
[[ ${LVSD_IN_VM:-} == 1 ]] || { echo "run inside the test VM: scripts/kernel-vm -- $0 $*" >&2; exit 2; }
export REPO=$repo TEST_TMP="$repo/tests/out/bench/detection-latency"
rm -rf "$TEST_TMP"; mkdir -p "$TEST_TMP"
source "$repo/tests/lib/testlib.bash"
source "$repo/tests/lib/netns.bash"
source "$repo/tests/kernel/run-daemon.bash"
source "$repo/tests/kernel/health-servers.bash"

A=10.30.0.2 B=10.30.0.3
# /proc/net/ip_vs names the real as hex address:port
hexA=$(printf '%02X%02X%02X%02X:0050' ${A//./ })

hs_topology
hs_start $A
hs_start $B
cat >"$CF" <<CF
checkinterval=$interval
checktimeout=$timeout
quiescent=yes
autoreload=no
virtual=192.168.10.1:80
    real=$A:80 gate 1
    real=$B:80 gate 1
    checktype=connect
    scheduler=wrr
CF
run_start

# weight_of_a: A's weight from /proc/net/ip_vs without forking ("" if absent).
weight_of_a() {
    local line f
    mapfile -t lines </proc/net/ip_vs
    for line in "${lines[@]}"; do
        if [[ $line == *"-> $hexA "* ]]; then
            read -ra f <<<"$line"
            echo "${f[3]}"
            return
        fi
    done
}
weight_a_is() { [[ $(weight_of_a) == "$1" ]]; }

results="$TEST_TMP/latencies"
: >"$results"
for ((i = 1; i <= trials; i++)); do
    wait_for 120 weight_a_is 1
    # random phase relative to the check schedule
    sleep "$(awk -v r=$RANDOM -v iv="$interval" 'BEGIN {printf "%.3f", r / 32768 * iv}')"
    pid=$(<"$(hs_dir $A)/pid")
    t0=$EPOCHREALTIME
    kill -KILL "$pid"
    # tight poll: one read of /proc/net/ip_vs per iteration, no fork
    while true; do
        mapfile -t lines </proc/net/ip_vs
        w=
        for line in "${lines[@]}"; do
            if [[ $line == *"-> $hexA "* ]]; then read -ra f <<<"$line"; w=${f[3]}; break; fi
        done
        [[ $w == 0 ]] && break
        (( ${EPOCHREALTIME%.*} - ${t0%.*} < 120 )) || { echo "trial $i: not quiesced after 120 s" >&2; exit 1; }
    done
    t1=$EPOCHREALTIME
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f\n", (b - a) * 1000}' >>"$results"
    wait "$pid" 2>/dev/null || true
    hs_start $A
    ((i % 10 == 0)) && echo "trial $i: $(tail -n 1 "$results") ms" >&2
done

target=$(awk -v i="$interval" -v t="$timeout" 'BEGIN {print (i + t) * 1000 + 50}')
sort -n "$results" | awk -v target="$target" -v iv="$interval" -v to="$timeout" '
    { v[NR] = $1; if ($1 <= target) ok++ }
    END {
        n = NR
        printf "detection latency, kill -> kernel weight 0 (checkinterval=%s s, checktimeout=%s s, connect check), %d trials, ms:\n", iv, to, n
        printf "  min %.1f  median %.1f  p90 %.1f  max %.1f\n", v[1], v[int((n + 1) / 2)], v[int(n * 0.9 + 0.999)], v[n]
        printf "  within target %d ms: %d of %d\n", target, ok, n
    }'
run_stop TERM || true
