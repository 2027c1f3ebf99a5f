# Helpers for lvsd's shell test suites (tests/<suite>/*_test.sh). Each test_* function runs in its own
# `bash -euo pipefail` with this file and netns.bash sourced; see tests/lib/run-suite.

REPO=${REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}

_defer_stack=()

# Runs CMD... when the test ends, pass or fail, last registered first.
defer() {
    local quoted
    printf -v quoted ' %q' "$@"
    _defer_stack+=("$quoted")
}

_run_deferred() {
    local status=$? i
    set +e
    for ((i = ${#_defer_stack[@]} - 1; i >= 0; i--)); do
        eval "${_defer_stack[i]}" >/dev/null 2>&1
    done
    _defer_stack=()
    return $status
}
trap _run_deferred EXIT

fail() {
    echo "FAILED: $*" >&2
    exit 1
}

# Marks the test skipped (counted as skipped, never as passed) and ends it.
skip() {
    echo "SKIPPED: $*" >&2
    exit 77
}

assert_eq() {
    local expected=$1 actual=$2 what=${3:-value}
    [[ "$expected" == "$actual" ]] || fail "$what: expected [$expected], got [$actual]"
}

assert_ne() {
    local unexpected=$1 actual=$2 what=${3:-value}
    [[ "$unexpected" != "$actual" ]] || fail "$what: expected anything but [$unexpected]"
}

assert_contains() {
    local haystack=$1 needle=$2
    [[ "$haystack" == *"$needle"* ]] || fail "expected to find [$needle] in:
$haystack"
}

assert_not_contains() {
    local haystack=$1 needle=$2
    [[ "$haystack" != *"$needle"* ]] || fail "did not expect [$needle] in:
$haystack"
}

assert_file_eq() {
    local expected=$1 actual=$2 d
    if ! d=$(diff -u "$expected" "$actual"); then
        fail "files differ ($expected vs $actual):
$d"
    fi
}

# Runs CMD... and asserts its exit status; its output goes to $TEST_TMP/out and $TEST_TMP/err.
assert_status() {
    local expected=$1; shift
    local actual=0
    "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err" || actual=$?
    [[ $actual == "$expected" ]] || fail "$* exited $actual, expected $expected
stdout: $(head -c 2000 "$TEST_TMP/out")
stderr: $(head -c 2000 "$TEST_TMP/err")"
}

# mono_seconds: whole seconds since boot, into $MONO (a builtin read, no fork). Deadlines are taken on this
# clock, not bash's SECONDS, which follows the wall clock: a test that steps the clock must not move them.
mono_seconds() {
    local up _
    read -r up _ </proc/uptime
    MONO=${up%.*}
}

# Polls CMD... (every 50 ms) until it succeeds; fails the test after SECONDS.
wait_for() {
    local seconds=$1; shift
    mono_seconds
    local deadline=$((MONO + seconds))
    while ! "$@" >/dev/null 2>&1; do
        mono_seconds
        if ((MONO > deadline)); then
            fail "timed out after ${seconds}s waiting for: $*"
        fi
        sleep 0.05
    done
}

# wait_for_quiet SECONDS CMD...: like wait_for but returns 1 on timeout instead of failing, so the caller can
# explain what it saw.
wait_for_quiet() {
    local seconds=$1; shift
    mono_seconds
    local deadline=$((MONO + seconds))
    while ! "$@" >/dev/null 2>&1; do
        mono_seconds
        ((MONO > deadline)) && return 1
        sleep 0.05
    done
}

lvsd() {
    "$REPO/scripts/lvsd" "$@"
}
