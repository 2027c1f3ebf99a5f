# The init-script verbs with the real kernel: `lvsd start` returns only once the table is applied, a second
# start and a second `lvsd run` on the same file, start on a bad file, stop, restart, try-restart, and
# ldirectord's own form `lvsd FILE start|stop|status`. Every path is lvsd's default (the VM's /run is its own tmpfs),
# except the log, which the file's logfile= puts under $TEST_TMP. A JVM start costs tens of seconds in the
# emulated VM, so one test walks through everything with as few JVMs as it can (ten).
# run-suite: timeout=1500
source "$REPO/tests/kernel/ipvs-fixtures.bash"

_vcf() {
    cat <<CF
logfile="$TEST_TMP/daemon.log"
virtual=192.168.20.1:80
    checktype=on
    real=10.0.0.2:80 gate 1
    real=10.0.0.3:80 gate 2
    scheduler=wrr
CF
}

_vtable() {
    cat <<'T'
-A -t 192.168.99.9:25 -s rr
-A -t 192.168.20.1:80 -s wrr
-a -t 192.168.20.1:80 -r 10.0.0.2:80 -g -w 1
-a -t 192.168.20.1:80 -r 10.0.0.3:80 -g -w 2
T
}

# _vtable_is FILE: the kernel table, sorted, is FILE's lines (sorted); the difference in $TEST_TMP/table.diff.
_vtable_is() {
    ipvsadm-save -n | sort | diff -u <(sort "$1") - >"$TEST_TMP/table.diff"
}

# A daemon left by a failed assertion: killed by the pid its pid file names (it is in a session of its own, so
# the suite's timeout would not reach it).
_vkill() {
    local pid
    pid=$(cat /run/lvsd.verbs.cf.pid 2>/dev/null) || return 0
    [[ -n "$pid" ]] && kill -KILL "$pid" 2>/dev/null || true
}

# _vgone PID: the process has exited (a zombie counts as gone: its files, and so its lock, are closed).
_vgone() {
    [[ ! -e /proc/$1/stat ]] || [[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) == Z ]]
}

test_start_stop_restart_try_restart_and_ldirectords_form() {
    ipvs_dummy
    export LVSD_TIMEOUT=300 # the emulated VM's JVM starts; the default is 120 s
    local cf=$TEST_TMP/verbs.cf pidf=/run/lvsd.verbs.cf.pid pid pid2
    defer _vkill
    ipvsadm -A -t 192.168.99.9:25 -s rr # a service lvsd must never touch
    echo "-A -t 192.168.99.9:25 -s rr" >"$TEST_TMP/foreign"
    _vtable >"$TEST_TMP/expected"

    # a bad file: 2, its file:line on stderr, nothing launched, the kernel table as it was
    { _vcf; echo "    checktype=bogus"; } >"$cf"
    assert_status 2 lvsd start -f "$cf"
    assert_contains "$(cat "$TEST_TMP/err")" "$cf:7: invalid checktype \"bogus\""
    assert_contains "$(cat "$TEST_TMP/err")" "nothing was started or changed"
    _vtable_is "$TEST_TMP/foreign" || fail "the table changed on a bad file: $(cat "$TEST_TMP/table.diff")"
    [[ ! -e $pidf ]] || fail "a pid file after a start on a bad file"

    # ldirectord's form: start returns 0 once the first cycle is applied, so the table is there at once
    _vcf >"$cf"
    assert_status 0 lvsd "$cf" start
    _vtable_is "$TEST_TMP/expected" || fail "the table right after start returned: $(cat "$TEST_TMP/table.diff")"
    pid=$(<"$pidf")
    assert_contains "$(cat "$TEST_TMP/out")" "started for $cf (pid $pid, log $TEST_TMP/daemon.log)"
    # detached: a session of its own, stdin /dev/null, stdout and stderr the log (logfile=)
    assert_eq "$pid" "$(ps -o sid= -p "$pid" | tr -d ' ')" "the daemon's session"
    assert_eq /dev/null "$(readlink "/proc/$pid/fd/0")" "the daemon's stdin"
    assert_eq "$TEST_TMP/daemon.log" "$(readlink "/proc/$pid/fd/2")" "the daemon's stderr"
    assert_contains "$(cat "$TEST_TMP/daemon.log")" "started with $cf"

    # a second start: 0, says so, the same daemon
    assert_status 0 lvsd start -f "$cf"
    assert_contains "$(cat "$TEST_TMP/out")" "already running for $cf (pid $pid)"
    assert_eq "$pid" "$(<"$pidf")" "the pid file after a second start"

    # a second lvsd run on the same file: 1, naming the holder of the pid file's lock
    assert_status 1 lvsd run -f "$cf"
    assert_contains "$(cat "$TEST_TMP/err")" "already running with pid $pid"
    kill -0 "$pid" || fail "the daemon died of a second lvsd run"

    # restart: a new daemon, the old one gone, the table right after it returns
    assert_status 0 lvsd restart -f "$cf"
    pid2=$(<"$pidf")
    assert_ne "$pid" "$pid2" "the pid after a restart"
    _vgone "$pid" || fail "the old daemon $pid still runs after restart"
    assert_contains "$(cat "$TEST_TMP/out")" "stopped for $cf (pid $pid)"
    _vtable_is "$TEST_TMP/expected" || fail "the table right after restart returned: $(cat "$TEST_TMP/table.diff")"

    # ldirectord's form of status, LSB's codes: 0 while it runs (the daemon's view through its control socket)
    assert_status 0 lvsd "$cf" status
    assert_contains "$(cat "$TEST_TMP/out")" "Daemon: lvsd pid $pid2, config $cf, running"

    # ldirectord's form: stop returns once the daemon is gone and its clean stop has emptied lvsd's part
    assert_status 0 lvsd "$cf" stop
    _vgone "$pid2" || fail "the daemon $pid2 still runs after stop returned"
    _vtable_is "$TEST_TMP/foreign" || fail "the table after stop: $(cat "$TEST_TMP/table.diff")"
    [[ ! -e $pidf ]] || fail "the pid file is left after stop"
    assert_contains "$(cat "$TEST_TMP/daemon.log")" "stopping (SIGTERM)"

    # stopped: status 3
    assert_status 3 lvsd "$cf" status
    assert_contains "$(cat "$TEST_TMP/err")" "no lvsd runs $cf"

    # stop when stopped: 0
    assert_status 0 lvsd stop -f "$cf"
    assert_contains "$(cat "$TEST_TMP/out")" "not running for $cf"

    # try-restart when stopped: 0, and still stopped
    assert_status 0 lvsd try-restart -f "$cf"
    assert_contains "$(cat "$TEST_TMP/out")" "try-restart starts nothing"
    [[ ! -e $pidf ]] || fail "try-restart started a daemon"
    _vtable_is "$TEST_TMP/foreign" || fail "the table after try-restart: $(cat "$TEST_TMP/table.diff")"
}
