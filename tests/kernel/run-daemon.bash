# Helpers for the `lvsd run` suites: start the daemon in the background on a config under $TEST_TMP, wait until
# it is running, edit its file, stop it. Sourced by tests/kernel/run_*.sh.
source "$REPO/tests/kernel/ipvs-fixtures.bash"

# The config file the daemon runs on.
CF=${TEST_TMP:-.}/lvsd.cf

# run_start [ARGS...]: starts `lvsd run -f $CF` (short intervals so tests are quick) and waits until it is
# running; its log is $TEST_TMP/lvsd.log, its pid $DAEMON_PID. RUN_RESYNC_INTERVAL overrides the 1 s resync.
run_start() {
    rm -f "$TEST_TMP/status.json"
    # a shell's background job starts with SIGINT ignored (and the JVM keeps it so): restore the default
    env --default-signal=INT "$REPO/scripts/lvsd" run -f "$CF" --pid-file "$TEST_TMP/lvsd.pid" --status-file "$TEST_TMP/status.json" \
        --resync-interval "${RUN_RESYNC_INTERVAL:-1}" --poll-interval 0.2 "$@" >>"$TEST_TMP/lvsd.log" 2>&1 &
    DAEMON_PID=$!
    defer run_kill "$DAEMON_PID"
    mono_seconds
    local deadline=$((MONO + 300))
    until run_phase_is running; do
        kill -0 "$DAEMON_PID" 2>/dev/null || fail "lvsd run exited at start:
$(tail -n 30 "$TEST_TMP/lvsd.log")"
        mono_seconds
        ((MONO < deadline)) || fail "lvsd run not running after 300 s:
$(tail -n 30 "$TEST_TMP/lvsd.log")"
        sleep 0.05
    done
}

# Kills a daemon left over by a failed test (no clean-up: ipvs_dummy's flush does that).
run_kill() {
    kill -KILL "$1" 2>/dev/null || true
}

# run_stop [SIGNAL]: stops the daemon and waits for it to exit; returns its exit status.
run_stop() {
    local sig=${1:-TERM} status=0
    kill -"$sig" "$DAEMON_PID"
    wait "$DAEMON_PID" || status=$?
    return "$status"
}

# run_phase_is PHASE: the status file says so.
run_phase_is() {
    grep -q "\"phase\":\"$1\"" "$TEST_TMP/status.json" 2>/dev/null
}

# run_status_field NAME: a number from the status file: generation, callbacks, or OUTER.INNER such as
# kernel_changes.applied or reloads.rejected (bash only: a python start costs seconds in the emulated VM).
run_status_field() {
    local json re
    json=$(<"$TEST_TMP/status.json")
    if [[ $1 == *.* ]]; then
        re="\"${1%%.*}\":\\{[^}]*\"${1#*.}\":([0-9]+)"
    else
        re="\"$1\":([0-9]+)"
    fi
    [[ $json =~ $re ]] || fail "no $1 in $json"
    echo "${BASH_REMATCH[1]}"
}

# run_generation_is N
run_generation_is() {
    [[ $(run_status_field generation) == "$1" ]]
}

# run_table_is FILE: ipvsadm-save -n prints exactly the lines of FILE. Both sides are sorted: the kernel lists
# services in its hash order, and every -a line names its service, so the sorted lines still say everything.
run_table_is() {
    ipvsadm-save -n | sort | diff -u <(sort "$1") - >"$TEST_TMP/table.diff"
}

# run_wait_table FILE: waits until the kernel table is FILE, showing the difference on timeout.
run_wait_table() {
    if ! wait_for_quiet 120 run_table_is "$1"; then
        fail "kernel table never became $1:
$(cat "$TEST_TMP/table.diff")
daemon log:
$(tail -n 30 "$TEST_TMP/lvsd.log")"
    fi
}

# write_cf: the config from stdin, written in place (truncate, then one write, as an editor saving in place).
write_cf() {
    local text
    text=$(cat)
    printf '%s\n' "$text" >"$CF"
}

# write_cf_renamed: the config from stdin, written to a temporary file renamed over $CF (as vim and sed -i do).
write_cf_renamed() {
    cat >"$CF.tmp.$$"
    mv -f "$CF.tmp.$$" "$CF"
}
