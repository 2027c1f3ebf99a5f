#!/usr/bin/env bash
# Benchmark (not a test): load 1,000 TCP services x 10 DR destinations (11,000 rules) into an empty IPVS
# table with `lvsd ipvs restore` and with `ipvsadm-restore`, same input, alternating, median of 3 each; then
# `lvsd status` vs `ipvsadm -Ln` on that table. Runs inside the test VM:
#
#   scripts/kernel-vm --timeout 3000 -- tests/bench/ipvs-restore.sh
#
# Times are emulated-guest times (qemu TCG): compare the tools side by side within one run only.
# Install-time preparation, as a packaged lvsd would have it: the JDK and jar are copied to the guest's
# tmpfs (JVM start then reads local memory as it would a local disk, not the host's files over virtio-9p),
# JNA's native library is unpacked beside the jar, and an AppCDS archive is made by one training run.
# Set CDS=0 to measure without the archive.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
rounds=${ROUNDS:-3}
work=/tmp/lvsd-bench
mkdir -p "$work"

java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
cp -a "$java_home" "$work/jdk"
cp "$repo/target/lvsd.jar" "$work/lvsd.jar"
mkdir -p "$work/native"
unzip -q -j -o "$work/lvsd.jar" 'com/sun/jna/linux-x86-64/libjnidispatch.so' -d "$work/native"
export JAVA_HOME=$work/jdk LVSD_JAR=$work/lvsd.jar
lvsd=("$repo/scripts/lvsd")

ip link add bench0 type dummy
ip link set bench0 up
ip addr add 10.1.0.254/16 dev bench0
ipvsadm -C

# 1,000 services 172.16.x.y:80, each with 10 real servers 10.1.a.b:80 (gatewaying = DR), ipvsadm-save format.
input=$work/rules
for ((s = 0; s < 1000; s++)); do
    vip="172.16.$((s / 250)).$((s % 250 + 1)):80"
    echo "-A -t $vip -s wlc"
    for ((d = 0; d < 10; d++)); do
        n=$((s * 10 + d))
        echo "-a -t $vip -r 10.1.$((n / 250)).$((n % 250 + 1)):80 -g -w 1"
    done
done >"$input"
echo "input: $(wc -l <"$input") rules"

if [[ ${CDS:-1} == 1 ]]; then
    # training run: restore the table and exit, archiving every class it loaded
    LVSD_JAVA_OPTS="-XX:ArchiveClassesAtExit=$work/lvsd.jsa" "${lvsd[@]}" ipvs restore <"$input" &>/dev/null
    ipvsadm -C
    export LVSD_JAVA_OPTS="-XX:SharedArchiveFile=$work/lvsd.jsa"
    echo "AppCDS archive: $(du -k "$work/lvsd.jsa" | cut -f1) KiB"
fi

now_ms() { echo $(($(date +%s%N) / 1000000)); }
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

: >"$work/ipvsadm.ms"; : >"$work/lvsd.ms"; : >"$work/lvsd-apply.ms"; : >"$work/lvsd-parse.ms"; : >"$work/lvsd-empty.ms"
for ((r = 1; r <= rounds; r++)); do
    ipvsadm -C
    t=$(now_ms); ipvsadm-restore <"$input"; echo $(($(now_ms) - t)) >>"$work/ipvsadm.ms"
    ipvsadm-save -n | md5sum >"$work/ipvsadm.sum"
    ipvsadm -C
    t=$(now_ms); "${lvsd[@]}" ipvs restore --timing <"$input" 2>"$work/timing"; echo $(($(now_ms) - t)) >>"$work/lvsd.ms"
    sed -n 's/.*applied them in \([0-9.]*\) ms.*/\1/p' "$work/timing" >>"$work/lvsd-apply.ms"
    sed -n 's/.*parsed [0-9]* rules in \([0-9.]*\) ms.*/\1/p' "$work/timing" >>"$work/lvsd-parse.ms"
    ipvsadm-save -n | md5sum >"$work/lvsd.sum"
    cmp -s "$work/ipvsadm.sum" "$work/lvsd.sum" || { echo "the two tools loaded different tables" >&2; exit 1; }
    echo "round $r: ipvsadm-restore $(tail -1 "$work/ipvsadm.ms") ms, lvsd ipvs restore $(tail -1 "$work/lvsd.ms") ms" \
        "(in-process: read+parse $(tail -1 "$work/lvsd-parse.ms") ms, apply $(tail -1 "$work/lvsd-apply.ms") ms)"
    # fixed cost: the same command with empty input (JVM start, socket, family lookup)
    t=$(now_ms); "${lvsd[@]}" ipvs restore </dev/null; echo $(($(now_ms) - t)) >>"$work/lvsd-empty.ms"
done

: >"$work/ipvsadm-list.ms"; : >"$work/lvsd-list.ms"
for ((r = 1; r <= rounds; r++)); do
    t=$(now_ms); ipvsadm -Ln >"$work/ipvsadm.txt"; echo $(($(now_ms) - t)) >>"$work/ipvsadm-list.ms"
    t=$(now_ms); "${lvsd[@]}" status >"$work/lvsd.txt"; echo $(($(now_ms) - t)) >>"$work/lvsd-list.ms"
    cmp -s "$work/ipvsadm.txt" "$work/lvsd.txt" || { echo "status differs from ipvsadm -Ln" >&2; exit 1; }
done

echo
echo "median of $rounds (ms, emulated guest time)"
printf '%-44s %8s\n' "ipvsadm-restore (whole process)" "$(median <"$work/ipvsadm.ms")"
printf '%-44s %8s\n' "lvsd ipvs restore (whole process, JVM incl.)" "$(median <"$work/lvsd.ms")"
printf '%-44s %8s\n' "lvsd ipvs restore (in-process read+parse)" "$(median <"$work/lvsd-parse.ms")"
printf '%-44s %8s\n' "lvsd ipvs restore (in-process apply)" "$(median <"$work/lvsd-apply.ms")"
printf '%-44s %8s\n' "lvsd ipvs restore </dev/null (fixed cost)" "$(median <"$work/lvsd-empty.ms")"
printf '%-44s %8s\n' "ipvsadm -Ln (11,000-rule table)" "$(median <"$work/ipvsadm-list.ms")"
printf '%-44s %8s\n' "lvsd status (same table, JVM incl.)" "$(median <"$work/lvsd-list.ms")"
ipvsadm -C
ip link del bench0
