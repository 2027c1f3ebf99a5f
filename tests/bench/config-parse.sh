#!/bin/bash
# Config parsing speed: in-JVM parse of generated ldirectord.cf files (median after warm-up), and the wall
# time of a cold `lvsd check-config` on the largest one. Figures go to docs/benchmarks.md by hand.
# Needs a build with test classes: mvn -q -B package -DskipTests
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=$repo/tests/out/bench
mkdir -p "$out"
cd "$repo"
cp=$(mvn -q -B dependency:build-classpath -Dmdep.outputFile=/dev/stdout 2>/dev/null)
for shape in "10 4" "100 10" "1000 20"; do
    set -- $shape
    java -XX:+UseSerialGC -cp "target/test-classes:target/classes:$cp" lvsd.config.ConfigParseBench \
        "$1" "$2" 21 "$out/bench-$1x$2.cf"
done
big=$out/bench-1000x20.cf
for i in 1 2 3 4 5; do
    /usr/bin/time -f "%e" -o "$out/time.$i" "$repo/scripts/lvsd" check-config "$big" >/dev/null
done
echo "cold lvsd check-config on 1000x20 (s, 5 runs): $(cat "$out"/time.* | sort -n | tr '\n' ' ')"
