#!/usr/bin/env bash
# Soak: `lvsd run` under steady churn, sampled for growth. N reals (default 1,000: 100 virtuals x 10, each
# real its own address in a namespace of the script's own), checktype=connect every CHECKINTERVAL s; a third
# of the reals flap (their listeners close and reopen every FLAP s); the file is rewritten every 10 s with
# one weight alternating, so every reload really changes the table; /metrics is scraped every second. Every
# S seconds: open fds, threads, VmRSS and heap used after a full GC (GC.run + GC.heap_info via the attach socket).
#
#   scripts/kernel-vm --timeout 5400 -- tests/bench/soak.sh [--minutes 60] [--reals 1000] [--sample-seconds 60]
#
# Verdict (exit 1 when it fails): the samples before WARMUP (default: the first fifth of the run, at least
# one sample) are warm-up; against the first sample after it (the baseline), every later sample must have
#   fds     <= baseline + max(8, 5%), not counting sockets in SYN_SENT (connect checks in flight)
#   threads <= baseline + 2
#   RSS and heap-after-GC <= baseline + 10% / + 20%, and neither may rise in every sample after the baseline
#     (with at least 3 of them), which a slow leak inside the tolerance would do;
# reloads accepted (lvsd_reloads_total{result="accepted"}) == rewrites made and > 0, scrapes answered
# (HTTP 200 with lvsd_up 1) == scrapes sent and > 0, and the steady reals checked on schedule: accepts on
# their listeners >= 80% of steady reals x elapsed / CHECKINTERVAL.
# Env: CHECKINTERVAL (2), FLAP (6), REALS_PER_VIRTUAL (10), WARMUP (seconds), SOAK_OUT (the output dir).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
minutes=60 reals=1000 sample=60
while [[ $# -gt 0 ]]; do
    case "$1" in
        --minutes) minutes=$2; shift 2 ;;
        --reals) reals=$2; shift 2 ;;
        --sample-seconds) sample=$2; shift 2 ;;
        *) echo "usage: soak.sh [--minutes N] [--reals N] [--sample-seconds S]" >&2; exit 2 ;;
    esac
done
[[ ${LVSD_IN_VM:-} == 1 ]] || { echo "run inside the test VM: scripts/kernel-vm -- $0 $*" >&2; exit 2; }
interval=${CHECKINTERVAL:-2} flap=${FLAP:-6} per=${REALS_PER_VIRTUAL:-10}
duration=$((minutes * 60))
warmup=${WARMUP:-$(( duration / 5 > sample ? duration / 5 : sample ))}
work=${SOAK_OUT:-$repo/target/bench-out/soak}   # not tests/out: scripts/test wipes that
rm -rf "$work"; mkdir -p "$work"
# 9p (the VM's view of the host) can read back a renamed file empty: fast-changing files live on tmpfs
tmp=$(mktemp -d /tmp/lvsd-soak.XXXXXX)
ns=soak_rs port=80 mport=9479
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    ipvsadm -C 2>/dev/null || true
    ip link del soak_dir 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

addr() { echo "10.60.$(($1 / 250)).$(($1 % 250 + 1))"; }

# The reals' namespace: every real address on its lo, reached from here through one veth route (one
# neighbour entry, not a thousand).
ip netns add "$ns"
ip link add soak_dir type veth peer name soak_rs0 netns "$ns"
ip addr add 10.61.0.1/30 dev soak_dir; ip link set soak_dir up
ip -n "$ns" addr add 10.61.0.2/30 dev soak_rs0; ip -n "$ns" link set soak_rs0 up; ip -n "$ns" link set lo up
for ((i = 0; i < reals; i++)); do echo "addr add $(addr "$i")/32 dev lo"; done | ip -n "$ns" -batch -
ip route add 10.60.0.0/16 via 10.61.0.2
ipvsadm -C

bin=$tmp/flap-listeners
gcc -O2 -o "$bin" "$repo/tests/bench/flap-listeners.c"
ip netns exec "$ns" "$bin" "$reals" "$port" "$flap" "$tmp/listeners.stat" >"$work/listeners.log" 2>&1 &
pids+=($!)
for _ in $(seq 600); do [[ -s $tmp/listeners.stat ]] && break; sleep 0.1; done
[[ -s $tmp/listeners.stat ]] || { echo "listeners did not start"; cat "$work/listeners.log"; exit 1; }

nv=$(((reals + per - 1) / per))
gen() { # WEIGHT_OF_FIRST_REAL
    printf 'checkinterval=%s\nchecktimeout=1\nautoreload=yes\nquiescent=no\n' "$interval"
    awk -v n="$reals" -v per="$per" -v nv="$nv" -v w1="$1" -v port="$port" 'BEGIN {
        for (v = 0; v < nv; v++) {
            printf "virtual=10.100.%d.%d:80\n    checktype=connect\n    scheduler=wrr\n", int(v / 250), v % 250 + 1
            for (r = 0; r < per && v * per + r < n; r++) {
                i = v * per + r
                printf "    real=10.60.%d.%d:%d gate %d\n", int(i / 250), i % 250 + 1, port, (i == 1 ? w1 : 1)
            }
        }
    }'
}
# Real 1 (index 1: steady, not flapping) carries the alternating weight.
cf=$tmp/ldirectord.cf
gen 1 >"$cf"
env --default-signal=INT "$repo/scripts/lvsd" run -f "$cf" --pid-file "$tmp/lvsd.pid" --status-file "$tmp/status.json" \
    --metrics "127.0.0.1:$mport" >"$work/lvsd.log" 2>&1 &
pid=$!
pids+=("$pid")
scrape() { curl -s -m 5 "http://127.0.0.1:$mport/metrics"; }
t_start=$SECONDS
until scrape 2>/dev/null | grep -q '^lvsd_up 1'; do
    kill -0 "$pid" 2>/dev/null || { echo "lvsd exited:"; tail -20 "$work/lvsd.log"; exit 1; }
    ((SECONDS - t_start < 600)) || { echo "lvsd not up after 600 s"; tail -20 "$work/lvsd.log"; exit 1; }
    sleep 0.5
done
echo "lvsd up after $((SECONDS - t_start)) s: $nv virtuals, $reals reals ($(((reals + 2) / 3)) flapping every ${flap} s), checkinterval ${interval} s"
accepted() { scrape | awk '/^lvsd_reloads_total\{result="accepted"\}/ {printf "%d\n", $2}'; }
reloads0=$(accepted)
read -r steady0 _ _ <"$tmp/listeners.stat"
t0=$SECONDS

# Rewriter: every 10 s, written and renamed, the weight of real 1 alternating 2,1,2,...
(
    w=1 n=0
    while :; do
        sleep 10
        w=$((3 - w)); n=$((n + 1))
        gen "$w" >"$cf.new"; mv -f "$cf.new" "$cf"
        echo "$n" >"$tmp/rewrites"
    done
) &
rewriter=$!
pids+=("$rewriter")
# Scraper: every second; counts the ones sent and the ones answered with lvsd_up 1.
(
    sent=0 ok=0
    while :; do
        sent=$((sent + 1))
        if scrape 2>/dev/null | grep -q '^lvsd_up 1'; then ok=$((ok + 1)); fi
        echo "$sent $ok" >"$tmp/scrapes.new"; mv -f "$tmp/scrapes.new" "$tmp/scrapes"
        sleep 1
    done
) &
scraper=$!
pids+=("$scraper")

# KiB used in all generations after a full GC. Through the attach socket by tests/bench/hotspot-attach.py, not
# jcmd: jcmd is a JVM, and one run of it cost 30-60 s of the emulated VM (measured), competing with lvsd.
heap_after_gc() {
    python3 "$repo/tests/bench/hotspot-attach.py" "$pid" GC.run GC.heap_info |
        awk '/generation +total/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?/, "", v); s += v}} END {print s + 0}'
}
# The first attach starts the JVM's Attach Listener thread for good: start it before any sample.
heap_after_gc >/dev/null
samples=$work/samples.tsv
printf 't_s\tfds\tthreads\trss_kib\theap_kib\tsample_cost_s\tsyn_sent\n' >"$samples"
echo "samples every ${sample} s for ${minutes} min (warm-up: the first ${warmup} s):"
printf '%6s %6s %8s %9s %9s %7s %8s\n' t_s fds threads rss_kib heap_kib cost_s syn_sent
# lvsd's sockets in SYN_SENT: connect checks in flight, whose number swings with the checks' timing (a
# leaked socket would be in another state, and stay).
syn_sent() {
    find "/proc/$pid/fd" -lname 'socket:*' -printf '%l\n' 2>/dev/null | tr -dc '0-9\n' >"$tmp/inodes"
    awk 'NR == FNR {a[$1]; next} FNR > 1 && $4 == "02" && ($10 in a) {n++} END {print n + 0}' "$tmp/inodes" /proc/net/tcp
}
take_sample() {
    local t=$((SECONDS - t0)) c0=$EPOCHREALTIME fds th rss heap cost syn
    fds=$(ls "/proc/$pid/fd" | wc -l)
    syn=$(syn_sent)
    th=$(ls "/proc/$pid/task" | wc -l)
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
    heap=$(heap_after_gc)
    cost=$(awk -v a="$c0" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.1f", b - a}')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$fds" "$th" "$rss" "$heap" "$cost" "$syn" >>"$samples"
    printf '%6s %6s %8s %9s %9s %7s %8s\n' "$t" "$fds" "$th" "$rss" "$heap" "$cost" "$syn"
}
next=0
while ((SECONDS - t0 <= duration)); do
    kill -0 "$pid" 2>/dev/null || { echo "lvsd died"; tail -20 "$work/lvsd.log"; exit 1; }
    # a sample slower than S skips the slots it overran, rather than firing again at once
    if ((SECONDS - t0 >= next)); then take_sample; next=$(( (SECONDS - t0) / sample * sample + sample )); fi
    sleep 1
done
elapsed=$((SECONDS - t0))
read -r steady1 _ flaps <"$tmp/listeners.stat"
kill "$scraper" 2>/dev/null; wait "$scraper" 2>/dev/null || true
kill "$rewriter" 2>/dev/null; wait "$rewriter" 2>/dev/null || true
rewrites=$(cat "$tmp/rewrites" 2>/dev/null || echo 0)
read -r sent ok <"$tmp/scrapes"
# the last rewrite may still be waiting for its reload: give it its deadline
reloads=0
for _ in $(seq 120); do
    reloads=$(( $(accepted) - reloads0 ))
    ((reloads >= rewrites)) && break
    sleep 0.5
done

fail=0
verdict() { echo "FAIL: $*"; fail=1; }
awk -F'\t' -v w="$warmup" 'NR > 1 && $1 >= w' "$samples" >"$tmp/post"
npost=$(wc -l <"$tmp/post")
if ((npost < 2)); then
    verdict "only $npost samples after the ${warmup} s warm-up (need 2)"
else
    awk -F'\t' '
        {$2 -= $7}   # fds not counting the connect checks in flight
        NR == 1 {b = $1; f = $2; t = $3; r = $4; h = $5; pr = r; ph = h; rr = 1; rh = 1; next}
        {
            if ($2 > f + (f * 0.05 > 8 ? f * 0.05 : 8)) printf "FAIL: fds %d at %d s > baseline %d + tolerance\n", $2, $1, f
            if ($3 > t + 2) printf "FAIL: threads %d at %d s > baseline %d + 2\n", $3, $1, t
            if ($4 > r * 1.10) printf "FAIL: RSS %d KiB at %d s > baseline %d KiB + 10%%\n", $4, $1, r
            if ($5 > h * 1.20) printf "FAIL: heap after GC %d KiB at %d s > baseline %d KiB + 20%%\n", $5, $1, h
            if ($4 <= pr) rr = 0; if ($5 <= ph) rh = 0; pr = $4; ph = $5; n++
        }
        END {
            if (n >= 3 && rr) print "FAIL: RSS rose in every sample after the baseline"
            if (n >= 3 && rh) print "FAIL: heap after GC rose in every sample after the baseline"
            printf "baseline (t=%s s): fds %d, threads %d, RSS %d KiB, heap after GC %d KiB\n", b, f, t, r, h
        }' "$tmp/post" >"$tmp/growth"
    grep -v '^FAIL' "$tmp/growth" || true
    if grep -q '^FAIL' "$tmp/growth"; then grep '^FAIL' "$tmp/growth"; fail=1; fi
fi
echo "reloads: $rewrites rewrites, $reloads accepted"
((rewrites > 0 && reloads == rewrites)) || verdict "reloads accepted ($reloads) != rewrites ($rewrites)"
echo "scrapes: $sent sent, $ok answered"
((sent > 0 && ok == sent)) || verdict "scrapes answered ($ok) != sent ($sent)"
steady_n=$((reals - (reals + 2) / 3))
want=$(( steady_n * elapsed / interval ))
got=$((steady1 - steady0))
echo "checks of the steady reals: $got in ${elapsed} s ($(awk -v g="$got" -v w="$want" 'BEGIN {printf "%.0f", w ? 100 * g / w : 0}')% of $want on schedule); $flaps flap phases"
((got * 10 >= want * 8)) || verdict "steady reals checked less than 80% on schedule ($got < 0.8 x $want)"
if ((fail)); then echo "verdict: FAIL"; exit 1; fi
echo "verdict: PASS (no growth after warm-up; reloads and scrapes all answered; checks on schedule)"
