# lvsd plan against the real IPVS kernel: each test builds a table with ipvsadm inside its own network
# namespace, asks lvsd for the plan, checks the plan applied nothing, applies it with Debian's
# `ipvsadm -R` (an independent client; not ipvsadm-restore, which flushes the table first) and checks the
# result with ipvsadm-save -n, and that a second plan
# on the converged table is empty.

# A namespace with a dummy interface whose /16 covers the reals (IPVS rejects DR reals with no route).
_plan_ns() {
    local ns=$1
    topo_ns "$ns"
    topo_dummy "$ns" d0 10.50.0.254/16
    in_ns "$ns" ip -6 addr add 2001:db8:50::fe/64 dev d0 nodad
}

_plan() { # NS FILE [ARGS...]: stdout to $TEST_TMP/plan, stderr to $TEST_TMP/plan.err
    local ns=$1 file=$2; shift 2
    in_ns "$ns" "$REPO/scripts/lvsd" plan -f "$file" "$@" >"$TEST_TMP/plan" 2>"$TEST_TMP/plan.err" ||
        fail "lvsd plan exited $?: $(cat "$TEST_TMP/plan.err")"
}

_save() { # NS OUTFILE
    in_ns "$1" ipvsadm-save -n >"$2"
}

test_plan_adopts_a_matching_table_with_no_changes() {
    _plan_ns dpl-adopt
    in_ns dpl-adopt ipvsadm -A -t 10.50.0.1:80 -s wlc
    in_ns dpl-adopt ipvsadm -a -t 10.50.0.1:80 -r 10.50.1.2:80 -g -w 3
    in_ns dpl-adopt ipvsadm -a -t 10.50.0.1:80 -r 10.50.1.3:80 -g -w 1
    in_ns dpl-adopt ipvsadm -A -t 10.50.0.9:25 -s rr          # foreign: not in the file
    in_ns dpl-adopt ipvsadm -a -t 10.50.0.9:25 -r 10.50.1.7:25 -m -w 1
    cat >"$TEST_TMP/lvsd.cf" <<'CF'
cleanstop=no
virtual=10.50.0.1:80
	real=10.50.1.2:8080 gate 3
	real=10.50.1.3 gate
	scheduler=wlc
	checktype=connect
CF
    _save dpl-adopt "$TEST_TMP/before"
    _plan dpl-adopt "$TEST_TMP/lvsd.cf"
    assert_eq "" "$(cat "$TEST_TMP/plan")" "plan for a table that already matches"
    _save dpl-adopt "$TEST_TMP/after"
    assert_file_eq "$TEST_TMP/before" "$TEST_TMP/after"
}

test_plan_prints_minimal_edits_and_converges_once_applied() {
    _plan_ns dpl-edit
    in_ns dpl-edit ipvsadm -A -t 10.50.0.1:80 -s wrr
    in_ns dpl-edit ipvsadm -a -t 10.50.0.1:80 -r 10.50.1.2:80 -g -w 1
    in_ns dpl-edit ipvsadm -a -t 10.50.0.1:80 -r 10.50.1.3:80 -g -w 2
    in_ns dpl-edit ipvsadm -a -t 10.50.0.1:80 -r 10.50.1.9:80 -g -w 5   # not in the file
    in_ns dpl-edit ipvsadm -A -t 10.50.0.2:443 -s rr
    in_ns dpl-edit ipvsadm -a -t 10.50.0.2:443 -r 10.50.1.2:443 -m -w 1
    in_ns dpl-edit ipvsadm -A -t 10.50.0.9:25 -s rr                      # foreign
    in_ns dpl-edit ipvsadm -a -t 10.50.0.9:25 -r 10.50.1.7:25 -m -w 1
    cat >"$TEST_TMP/lvsd.cf" <<'CF'
virtual=10.50.0.1:80
	checktype=on
	real=10.50.1.2:80 gate 3
	real=10.50.1.3:80 gate 2
	real=10.50.1.4:80 gate
	scheduler=wlc
virtual=10.50.0.2:443
	checktype=on
	real=10.50.1.2:443 masq 1 l:10 u:200
	scheduler=rr
	persistent=600
	netmask=255.255.255.0
virtual=10.50.0.1:53
	checktype=on
	real=10.50.1.5:5353 masq 2
	protocol=udp
	scheduler=rr
CF
    _save dpl-edit "$TEST_TMP/before"
    _plan dpl-edit "$TEST_TMP/lvsd.cf"
    _save dpl-edit "$TEST_TMP/after-plan"
    assert_file_eq "$TEST_TMP/before" "$TEST_TMP/after-plan"
    cat >"$TEST_TMP/expected-plan" <<'EXP'
-E -t 10.50.0.1:80 -s wlc
-a -t 10.50.0.1:80 -r 10.50.1.4:80 -g -w 1
-e -t 10.50.0.1:80 -r 10.50.1.2:80 -g -w 3
-d -t 10.50.0.1:80 -r 10.50.1.9:80
-E -t 10.50.0.2:443 -s rr -p 600 -M 255.255.255.0
-e -t 10.50.0.2:443 -r 10.50.1.2:443 -m -w 1 -x 200 -y 10
-A -u 10.50.0.1:53 -s rr
-a -u 10.50.0.1:53 -r 10.50.1.5:5353 -m -w 2
EXP
    assert_file_eq "$TEST_TMP/expected-plan" "$TEST_TMP/plan"

    in_ns dpl-edit ipvsadm -R <"$TEST_TMP/plan"
    _save dpl-edit "$TEST_TMP/applied"
    cat >"$TEST_TMP/expected-table" <<'EXP'
-A -t 10.50.0.1:80 -s wlc
-a -t 10.50.0.1:80 -r 10.50.1.2:80 -g -w 3
-a -t 10.50.0.1:80 -r 10.50.1.3:80 -g -w 2
-a -t 10.50.0.1:80 -r 10.50.1.4:80 -g -w 1
-A -t 10.50.0.2:443 -s rr -p 600 -M 255.255.255.0
-a -t 10.50.0.2:443 -r 10.50.1.2:443 -m -w 1
-A -t 10.50.0.9:25 -s rr
-a -t 10.50.0.9:25 -r 10.50.1.7:25 -m -w 1
-A -u 10.50.0.1:53 -s rr
-a -u 10.50.0.1:53 -r 10.50.1.5:5353 -m -w 2
EXP
    assert_file_eq "$TEST_TMP/expected-table" "$TEST_TMP/applied"
    in_ns dpl-edit ipvsadm -Ln --thresholds | grep -Eq '10\.50\.1\.2:443 +200 +10 ' ||
        fail "thresholds not applied: $(in_ns dpl-edit ipvsadm -Ln --thresholds)"

    _plan dpl-edit "$TEST_TMP/lvsd.cf"
    assert_eq "" "$(cat "$TEST_TMP/plan")" "second plan after applying the first"
}

test_plan_builds_a_rich_table_from_empty_that_ipvsadm_reads_back() {
    _plan_ns dpl-rich
    cat >"$TEST_TMP/lvsd.cf" <<'CF'
virtual=5
	checktype=on
	real=10.50.2.1:80 gate 2
	real=10.50.2.2 ipip
	protocol=fwm
	scheduler=sh
	persistent=1800
virtual6=[2001:db8:50::1]:80
	checktype=on
	real6=[2001:db8:50::10]:80 gate 4
	real6=[2001:db8:50::11]:8080 masq
	scheduler=lc
	persistent=60
	netmask=64
virtual=10.50.0.3:514
	checktype=on
	real=10.50.2.3:514 masq
	protocol=udp
	ops=yes
	scheduler=rr
CF
    _plan dpl-rich "$TEST_TMP/lvsd.cf"
    assert_eq "" "$(in_ns dpl-rich ipvsadm-save -n)" "plan applied something"
    in_ns dpl-rich ipvsadm -R <"$TEST_TMP/plan"
    _save dpl-rich "$TEST_TMP/applied"
    cat >"$TEST_TMP/expected-table" <<'EXP'
-A -u 10.50.0.3:514 -s rr -o
-a -u 10.50.0.3:514 -r 10.50.2.3:514 -m -w 1
-A -t [2001:db8:50::1]:80 -s lc -p 60 -M 64
-a -t [2001:db8:50::1]:80 -r [2001:db8:50::10]:80 -g -w 4
-a -t [2001:db8:50::1]:80 -r [2001:db8:50::11]:8080 -m -w 1
-A -f 5 -s sh -p 1800
-a -f 5 -r 10.50.2.1:80 -g -w 2
-a -f 5 -r 10.50.2.2:0 -i -w 1 --tun-type ipip
EXP
    assert_file_eq "$TEST_TMP/expected-table" "$TEST_TMP/applied"
    _plan dpl-rich "$TEST_TMP/lvsd.cf"
    assert_eq "" "$(cat "$TEST_TMP/plan")" "second plan after applying the first"
}

test_plan_waits_for_first_checks_unless_assume_up() {
    _plan_ns dpl-pending
    cat >"$TEST_TMP/lvsd.cf" <<'CF'
virtual=10.50.0.1:80
	real=10.50.1.2:80 gate 3
	checktype=connect
	fallback=127.0.0.1:80 gate
CF
    _plan dpl-pending "$TEST_TMP/lvsd.cf"
    assert_eq "-A -t 10.50.0.1:80 -s wrr" "$(cat "$TEST_TMP/plan")" "first cycle: checks pending"
    _plan dpl-pending "$TEST_TMP/lvsd.cf" --assume-up
    assert_eq "-A -t 10.50.0.1:80 -s wrr
-a -t 10.50.0.1:80 -r 10.50.1.2:80 -g -w 3" "$(cat "$TEST_TMP/plan")" "with every check passed"
}

test_plan_quiesces_a_real_in_maintenance_and_adds_the_fallback() {
    _plan_ns dpl-maint
    mkdir -p "$TEST_TMP/maint"
    : >"$TEST_TMP/maint/10.50.1.2:80"
    cat >"$TEST_TMP/lvsd.cf" <<CF
maintenancedir=$TEST_TMP/maint
quiescent=yes
fallbackcommand=/bin/true
virtual=10.50.0.1:80
	checktype=on
	real=10.50.1.2:80 gate 3
	fallback=10.50.1.99:80 gate
CF
    in_ns dpl-maint ipvsadm -A -t 10.50.0.1:80 -s wrr
    in_ns dpl-maint ipvsadm -a -t 10.50.0.1:80 -r 10.50.1.2:80 -g -w 3
    _plan dpl-maint "$TEST_TMP/lvsd.cf"
    assert_eq "-a -t 10.50.0.1:80 -r 10.50.1.99:80 -g -w 1
-e -t 10.50.0.1:80 -r 10.50.1.2:80 -g -w 0" "$(cat "$TEST_TMP/plan")"
    assert_contains "$(cat "$TEST_TMP/plan.err")" "real 10.50.1.2:80: pending -> quiesced: in maintenance (10.50.1.2:80)"
    assert_contains "$(cat "$TEST_TMP/plan.err")" "# would run: /bin/true start 10.50.0.1:80 tcp"
    in_ns dpl-maint ipvsadm -R <"$TEST_TMP/plan"
    _plan dpl-maint "$TEST_TMP/lvsd.cf"
    assert_eq "" "$(cat "$TEST_TMP/plan")" "second plan"
}

test_plan_rejects_a_bad_file_with_file_and_line() {
    _plan_ns dpl-bad
    printf 'virtual=10.50.0.1:80\n\treal=10.50.1.2:80 gate\n\tscheduler=wlc\n\tnosuchdirective=1\n' >"$TEST_TMP/bad.cf"
    assert_status 2 in_ns dpl-bad "$REPO/scripts/lvsd" plan -f "$TEST_TMP/bad.cf"
    assert_contains "$(cat "$TEST_TMP/err")" "bad.cf:4:"
    assert_eq "" "$(cat "$TEST_TMP/out")" "stdout of a rejected plan"
}

# "lvsd plan output matches what lvsd run then does": the same starting table in two namespaces; in one the
# plan is applied with ipvsadm -R, in the other `lvsd run` (cleanstop=no) reconciles; the tables must end
# identical. checktype=on, so run's first cycle needs no check to finish.
test_plan_matches_what_run_then_does() {
    local ns
    for ns in dpl-runa dpl-runb; do
        _plan_ns $ns
        in_ns $ns ipvsadm -A -t 10.50.0.1:80 -s wrr
        in_ns $ns ipvsadm -a -t 10.50.0.1:80 -r 10.50.1.2:80 -g -w 1
        in_ns $ns ipvsadm -a -t 10.50.0.1:80 -r 10.50.1.9:80 -g -w 5
        in_ns $ns ipvsadm -A -t 10.50.0.9:25 -s rr
    done
    cat >"$TEST_TMP/lvsd.cf" <<'CF'
cleanstop=no
virtual=10.50.0.1:80
	checktype=on
	real=10.50.1.2:80 gate 3
	real=10.50.1.3:80 gate 2
	scheduler=wlc
virtual=10.50.0.2:443
	checktype=on
	real=10.50.1.2:443 masq
CF
    _plan dpl-runa "$TEST_TMP/lvsd.cf"
    in_ns dpl-runa ipvsadm -R <"$TEST_TMP/plan"
    _save dpl-runa "$TEST_TMP/by-plan"

    in_ns dpl-runb "$REPO/scripts/lvsd" run -f "$TEST_TMP/lvsd.cf" --pid-file "$TEST_TMP/lvsd.pid" \
        >"$TEST_TMP/run.log" 2>&1 &
    local pid=$!
    defer kill "$pid"
    _same_as_plan() { in_ns dpl-runb ipvsadm-save -n | diff -q - "$TEST_TMP/by-plan" >/dev/null; }
    wait_for 120 _same_as_plan
    kill "$pid"
    wait "$pid" || true
    _save dpl-runb "$TEST_TMP/by-run"
    assert_file_eq "$TEST_TMP/by-plan" "$TEST_TMP/by-run"
}
