# On the host, whose kernel has no IPVS, the IPVS commands explain that in plain words and fail.

test_status_without_ipvs_gives_a_plain_error() {
    [[ ! -e /proc/net/ip_vs ]] || fail "needs a kernel without IPVS, as on the build hosts"
    assert_status 1 lvsd status
    assert_eq "lvsd: IPVS is not available in this kernel: is the ip_vs module loaded?" "$(cat "$TEST_TMP/err")"
    assert_eq "" "$(cat "$TEST_TMP/out")" "stdout"
    assert_status 1 lvsd ipvs save
    assert_contains "$(cat "$TEST_TMP/err")" "is the ip_vs module loaded?"
}
