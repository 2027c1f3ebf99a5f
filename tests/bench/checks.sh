#!/usr/bin/env bash
# Health-check benchmark: ADDRS x PORTS loopback real servers (BenchListeners), checked every second.
#
#   tests/bench/checks.sh host     lvsd's engine on the host (tcp, then http): absolute figures
#   tests/bench/checks.sh vm       inside the IPVS test VM, lvsd and keepalived's checker side by side
#                                  (keepalived's checker cannot run without IPVS, which the host lacks)
#
# Checks per second are counted by the listeners (connections accepted), the same way for both
# checkers; CPU is the checker process's user+system time over the measured window.
# Env: ADDRS (10) PORTS (1000) BASE (20000) WARMUP (10) SECONDS (30) MODES ("tcp http"),
# JAVA_OPTS for lvsd's JVM (-XX:+UseSerialGC). Results also land in target/bench-out/.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
ADDRS=${ADDRS:-10} PORTS=${PORTS:-1000} BASE=${BASE:-20000} WARMUP=${WARMUP:-10} SECONDS_=${SECONDS:-30}
MODES=${MODES:-tcp http}
out=${BENCH_OUT:-$repo/target/bench-out}  # not tests/out: scripts/test wipes that
JAVA_OPTS=${JAVA_OPTS:--XX:+UseSerialGC}
mkdir -p "$out"
jar=$repo/target/lvsd.jar
# CheckBench and BenchListeners are test code (not shipped in the jar): run them from target/test-classes.
cp=$repo/target/test-classes:$jar
[[ -f $jar && -f $repo/target/test-classes/lvsd/check/bench/CheckBench.class ]] || mvn -q -B package -DskipTests
ulimit -n "$(ulimit -Hn)"
hz=$(getconf CLK_TCK)

# The listeners' counter lives on a local tmpfs: inside the VM, $out is a 9p mount where a file renamed
# over another can read back empty.
countfile=$(mktemp /tmp/lvsd-bench-count.XXXXXX)
trap 'rm -f "$countfile"' EXIT
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
count() { local n; n=$(cat "$countfile" 2>/dev/null); echo "${n:-0}"; }

# The listeners in C when a compiler is at hand (under the VM's emulation a JVM listener is the bottleneck),
# else the Java ones; both take the same arguments and count the same way.
cbin=$repo/target/bench-listeners
if [[ ! -x $cbin ]] && command -v gcc >/dev/null; then gcc -O2 -o "$cbin" "$repo/tests/bench/listeners.c"; fi
start_listeners() { # MODE
    rm -f "$countfile"
    if [[ -x $cbin ]]; then
        "$cbin" "$1" "$ADDRS" "$PORTS" "$BASE" "$countfile" >"$out/listeners.log" 2>&1 &
    else
        java -XX:+UseSerialGC -Xss256k -cp "$cp" lvsd.check.bench.BenchListeners "$1" "$ADDRS" "$PORTS" "$BASE" \
            "$countfile" >"$out/listeners.log" 2>&1 &
    fi
    listeners=$!
    for _ in $(seq 600); do [[ -s $countfile ]] && return 0; sleep 0.1; done
    echo "listeners did not start"; cat "$out/listeners.log"; return 1
}
stop_listeners() { kill "$listeners" 2>/dev/null || true; wait "$listeners" 2>/dev/null || true; }

run_lvsd() { # MODE
    local mode=$1 c0 c1
    start_listeners "$mode"
    # shellcheck disable=SC2086
    java $JAVA_OPTS -cp "$cp" lvsd.check.bench.CheckBench "$mode" "$ADDRS" "$PORTS" "$BASE" 1000 \
        "$WARMUP" "$SECONDS_" >"$out/lvsd-$mode.log" 2>&1 &
    local bench=$!
    sleep "$WARMUP"; c0=$(count)
    sleep "$SECONDS_"; c1=$(count)
    wait "$bench" || { cat "$out/lvsd-$mode.log"; stop_listeners; return 1; }
    stop_listeners
    cat "$out/lvsd-$mode.log"
    echo "lvsd $mode listener_accepts_per_s=$(( (c1 - c0) / SECONDS_ ))"
}

keepalived_conf() { # MODE
    printf 'global_defs {\n  router_id lvsd-bench\n}\n'
    local a p
    for a in $(seq 1 "$ADDRS"); do
        echo "virtual_server 10.255.0.$a $BASE {"
        echo "  delay_loop 1"; echo "  lb_algo rr"; echo "  lb_kind NAT"; echo "  protocol TCP"
        for p in $(seq "$BASE" $((BASE + PORTS - 1))); do
            # keepalived's parser wants one keyword or brace per line
            printf '  real_server 127.0.0.%s %s {\n    weight 1\n' "$a" "$p"
            if [[ $1 == http ]]; then
                printf '    HTTP_GET {\n      url {\n        path /\n        status_code 200\n      }\n'
            else
                printf '    TCP_CHECK {\n'
            fi
            printf '      connect_timeout 3\n      retry 0\n    }\n  }\n'
        done
        echo "}"
    done
}

run_keepalived() { # MODE
    local mode=$1 c0 c1 t0 t1 checker
    keepalived_conf "$mode" >"$out/keepalived-$mode.conf"
    start_listeners "$mode"
    rm -f "$out/ka.pid" "$out/kc.pid"
    keepalived -n -C -f "$out/keepalived-$mode.conf" -p "$out/ka.pid" -c "$out/kc.pid" \
        >"$out/keepalived-$mode.log" 2>&1 &
    local ka=$!
    for _ in $(seq 600); do [[ -s $out/kc.pid ]] && break; sleep 0.1; done
    checker=$(cat "$out/kc.pid")
    sleep "$WARMUP"; c0=$(count); t0=$(cpu_ticks "$checker")
    sleep "$SECONDS_"; c1=$(count); t1=$(cpu_ticks "$checker")
    kill "$ka"; wait "$ka" 2>/dev/null || true
    stop_listeners
    local checks=$((c1 - c0))
    awk -v m="$mode" -v n="$checks" -v s="$SECONDS_" -v t=$((t1 - t0)) -v hz="$hz" 'BEGIN {
        printf "keepalived %s checks_per_s=%.0f cpu_s=%.2f cpu_ms_per_1000_checks=%.1f cpu_cores=%.2f\n",
            m, n / s, t / hz, (t / hz * 1000) / (n / 1000 > 0 ? n / 1000 : 1), t / hz / s }'
}

case ${1:-host} in
    host)
        for m in $MODES; do run_lvsd "$m"; done ;;
    inner)
        for m in $MODES; do run_lvsd "$m"; run_keepalived "$m"; done ;;
    vm)
        scripts/kernel-vm --timeout 3000 -- env ADDRS="$ADDRS" PORTS="$PORTS" BASE="$BASE" WARMUP="$WARMUP" \
            SECONDS="$SECONDS_" MODES="$MODES" BENCH_OUT="$out/vm" JAVA_OPTS="$JAVA_OPTS" \
            "$repo/tests/bench/checks.sh" inner ;;
    *) sed -n '2,12p' "$0"; exit 2 ;;
esac
