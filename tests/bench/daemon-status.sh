#!/usr/bin/env bash
# Benchmark (not a test): `lvsd status` with a running daemon, next to `ipvsadm -Ln` and ldirectord's own
# `status`, on 1,000 virtuals x 10 reals under connect checks; and the daemon's resident memory there. Runs
# inside the test VM:
#
#   mvn -q -B package -DskipTests
#   scripts/kernel-vm --timeout 3000 -- tests/bench/daemon-status.sh
#
# The reals are 10 x 1,000 loopback listeners (tests/bench/listeners.c, 127.0.0.1-10, ports 20000-20999)
# behind 1,000 NAT virtuals 172.16.x.y:80, checked with checktype=connect every CHECKINTERVAL (5) s. The
# daemon is started, every check must have a result (checks.up = 10,000), then ROUNDS (5) rounds time each
# command; medians. RSS is VmRSS / VmHWM of the daemon after the rounds. As in ipvs-restore.sh the JDK and jar
# are copied to the guest's tmpfs first. Times are emulated-guest times (qemu TCG): compare side by side only.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
rounds=${ROUNDS:-5}
interval=${CHECKINTERVAL:-5}
work=/tmp/lvsd-bench-status
mkdir -p "$work"
ulimit -n "$(ulimit -Hn)"

java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
cp -a "$java_home" "$work/jdk"
cp "$repo/target/lvsd.jar" "$work/lvsd.jar"
mkdir -p "$work/native"
unzip -q -j -o "$work/lvsd.jar" 'com/sun/jna/linux-x86-64/libjnidispatch.so' -d "$work/native"
export JAVA_HOME=$work/jdk LVSD_JAR=$work/lvsd.jar
lvsd=("$repo/scripts/lvsd")
ipvsadm -C

gcc -O2 -o "$work/listeners" "$repo/tests/bench/listeners.c"
"$work/listeners" tcp 10 1000 20000 "$work/count" >"$work/listeners.log" 2>&1 &
listeners=$!
trap 'kill $listeners 2>/dev/null; kill $daemon 2>/dev/null; ipvsadm -C' EXIT
for _ in $(seq 600); do [[ -s $work/count ]] && break; sleep 0.1; done

cf=$work/bench.cf
{
    printf 'checkinterval=%s\nchecktimeout=3\nquiescent=yes\nautoreload=no\n' "$interval"
    for ((s = 0; s < 1000; s++)); do
        echo "virtual=172.16.$((s / 250)).$((s % 250 + 1)):80"
        echo "    checktype=connect"
        for ((d = 0; d < 10; d++)); do
            echo "    real=127.0.0.$((d + 1)):$((20000 + s)) masq 1"
        done
    done
} >"$cf"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# the daemon with the JVM options of systemd/lvsd.service, as deployed (DAEMON_JAVA_OPTS overrides them)
unit_opts=$(sed -n 's/^Environment="LVSD_JAVA_OPTS=\(.*\)"$/\1/p' "$repo/systemd/lvsd.service")
t0=$(now_ms)
LVSD_JAVA_OPTS=${DAEMON_JAVA_OPTS:-$unit_opts} "${lvsd[@]}" run -f "$cf" --pid-file "$work/lvsd.pid" --status-file "$work/status.json" \
    --control-socket /run/lvsd/bench.cf.sock >"$work/lvsd.log" 2>&1 &
daemon=$!
up=0
for _ in $(seq 6000); do
    kill -0 $daemon || { echo "lvsd run exited:"; tail -20 "$work/lvsd.log"; exit 1; }
    if [[ -s $work/status.json ]] && [[ $(<"$work/status.json") =~ \"checks\":\{\"distinct\":[0-9]+,\"up\":([0-9]+) ]]; then
        up=${BASH_REMATCH[1]}
        ((up == 10000)) && break
    fi
    sleep 0.2
done
((up == 10000)) || { echo "only $up of 10000 checks up"; exit 1; }
echo "daemon JVM options: ${DAEMON_JAVA_OPTS:-$unit_opts}"
echo "daemon: all 10,000 checks up $(( $(now_ms) - t0 )) ms after start"

: >"$work/ipvsadm.ms"; : >"$work/status-f.ms"; : >"$work/status.ms"; : >"$work/ldirectord.ms"
for ((r = 1; r <= rounds; r++)); do
    t=$(now_ms); ipvsadm -Ln >"$work/ipvsadm.txt"; echo $(($(now_ms) - t)) >>"$work/ipvsadm.ms"
    t=$(now_ms); "${lvsd[@]}" status >"$work/status.txt"; echo $(($(now_ms) - t)) >>"$work/status.ms"
    t=$(now_ms); "${lvsd[@]}" status -f "$cf" >"$work/status-f.txt"; echo $(($(now_ms) - t)) >>"$work/status-f.ms"
    t=$(now_ms); /usr/sbin/ldirectord "$cf" status >"$work/ldirectord.txt" 2>&1 || true
    echo $(($(now_ms) - t)) >>"$work/ldirectord.ms"
    echo "round $r: ipvsadm -Ln $(tail -1 "$work/ipvsadm.ms") ms, lvsd status $(tail -1 "$work/status.ms") ms," \
        "lvsd status -f $(tail -1 "$work/status-f.ms") ms, ldirectord status $(tail -1 "$work/ldirectord.ms") ms"
done
grep -c '^  -> .* up_(weight_1)$' "$work/status-f.txt" | xargs echo "lvsd status -f: destination lines marked up:"
grep -c '^  Check: ' "$work/status-f.txt" | xargs echo "lvsd status -f: check lines:"
echo "ldirectord status said: $(head -c 200 "$work/ldirectord.txt")"
rss=$(awk '/^VmRSS/ {print $2}' "/proc/$daemon/status")
hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$daemon/status")

printf '%-48s %8s\n' "ipvsadm -Ln (11,000 rules) ms" "$(median <"$work/ipvsadm.ms")"
printf '%-48s %8s\n' "lvsd status (plain, JVM incl.) ms" "$(median <"$work/status.ms")"
printf '%-48s %8s\n' "lvsd status -f FILE (daemon view, JVM incl.) ms" "$(median <"$work/status-f.ms")"
printf '%-48s %8s\n' "ldirectord FILE status ms" "$(median <"$work/ldirectord.ms")"
printf '%-48s %8s\n' "daemon VmRSS MiB" "$((rss / 1024))"
printf '%-48s %8s\n' "daemon VmHWM MiB" "$((hwm / 1024))"
