#!/usr/bin/env bash
# Benchmark: one director cycle (desired table + diff, no netlink) on 1,000 virtuals x 10 reals.
# Pure computation, so it runs on the host: tests/bench/director-cycle.sh [VIRTUALS] [REALS] [ROUNDS]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
[[ -f "$repo/target/lvsd.jar" && -d "$repo/target/test-classes" ]] || (cd "$repo" && mvn -q -B package -DskipTests)
java -XX:+UseSerialGC -cp "$repo/target/test-classes:$repo/target/lvsd.jar" lvsd.director.CycleBench "$@"
