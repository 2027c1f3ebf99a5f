# lvsd ipvs restore: loads what ipvsadm-restore loads, identically; rejects bad input before applying anything.
source "$REPO/tests/kernel/ipvs-fixtures.bash"

_snapshot() {
    local name=$1
    ipvsadm-save -n >"$TEST_TMP/$name.save"
    ipvsadm -Ln >"$TEST_TMP/$name.list"
    ipvsadm -Ln --thresholds >"$TEST_TMP/$name.thresholds"
}

test_restore_loads_the_same_table_as_ipvsadm_restore() {
    ipvs_dummy
    ipvs_rich_rules | ipvsadm-restore
    _snapshot ipvsadm
    ipvsadm -C
    ipvs_rich_rules | lvsd ipvs restore
    _snapshot lvsd
    assert_file_eq "$TEST_TMP/ipvsadm.save" "$TEST_TMP/lvsd.save"
    assert_file_eq "$TEST_TMP/ipvsadm.list" "$TEST_TMP/lvsd.list"
    assert_file_eq "$TEST_TMP/ipvsadm.thresholds" "$TEST_TMP/lvsd.thresholds"
}

test_restore_flush_replaces_the_table() {
    ipvs_dummy
    ipvsadm -A -t 10.0.0.99:80 -s rr
    ipvs_rich_rules | ipvsadm-restore
    _snapshot expected
    ipvsadm -C
    ipvsadm -A -t 10.0.0.99:80 -s rr
    ipvs_rich_rules | lvsd ipvs restore --flush
    _snapshot lvsd
    # --flush removed the extra service first, so the result is exactly the rules
    ipvsadm -C
    ipvs_rich_rules | ipvsadm-restore
    _snapshot rules_only
    assert_file_eq "$TEST_TMP/rules_only.save" "$TEST_TMP/lvsd.save"
}

test_bad_line_is_rejected_before_anything_is_applied() {
    ipvs_dummy
    { ipvs_rich_rules; echo "-a -t 192.168.1.1:80 -r 10.0.0.9 -w lots"; } >"$TEST_TMP/input"
    local lines
    lines=$(wc -l <"$TEST_TMP/input")
    assert_status 2 lvsd ipvs restore <"$TEST_TMP/input"
    assert_eq "lvsd: line $lines: bad weight 'lots'" "$(cat "$TEST_TMP/err")" "error message"
    assert_eq "" "$(ipvsadm-save -n)" "table after the rejected input"
}

test_kernel_errors_are_reported_per_line_in_plain_words() {
    ipvs_dummy
    cat >"$TEST_TMP/input" <<'RULES'
-A -t 10.0.0.1:80 -s rr
-A -t 10.0.0.1:80 -s rr
-D -t 10.0.0.77:80
-A -t 10.0.0.2:80 -s bogus
-a -t 10.0.0.1:80 -r 10.0.0.5:80 -m
-a -t 10.0.0.1:80 -r 10.0.0.5:80 -m
-d -t 10.0.0.1:80 -r 10.0.0.6:80
RULES
    assert_status 1 lvsd ipvs restore <"$TEST_TMP/input"
    local err
    err=$(cat "$TEST_TMP/err")
    assert_contains "$err" "lvsd: line 2: service already exists: -t 10.0.0.1:80"
    assert_contains "$err" "lvsd: line 3: no such service: -t 10.0.0.77:80"
    assert_contains "$err" "lvsd: line 4: unknown scheduler 'bogus'"
    assert_contains "$err" "lvsd: line 6: destination already exists: -t 10.0.0.1:80 -r 10.0.0.5:80"
    assert_contains "$err" "lvsd: line 7: no such destination: -t 10.0.0.1:80 -r 10.0.0.6:80"
    assert_contains "$err" "lvsd: 5 of 7 rules failed; the others were applied"
    # the good lines took effect, the unknown-scheduler service did not
    assert_eq "-A -t 10.0.0.1:80 -s rr
-a -t 10.0.0.1:80 -r 10.0.0.5:80 -m -w 1" "$(ipvsadm-save -n)" "table"
}

test_lvsd_save_restores_into_the_same_table() {
    ipvs_dummy
    ipvs_rich_rules | ipvsadm-restore
    _snapshot before
    lvsd ipvs save >"$TEST_TMP/saved"
    ipvsadm -C
    lvsd ipvs restore <"$TEST_TMP/saved"
    _snapshot after
    assert_file_eq "$TEST_TMP/before.list" "$TEST_TMP/after.list"
}
