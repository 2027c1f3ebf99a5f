# scripts/kernel-vm's contract: the command's output and exit status come back from the guest.

test_kernel_vm_returns_output_and_exit_status() {
    local status=0
    "$REPO/scripts/kernel-vm" --timeout 600 -- bash -c 'uname -r; cat /proc/net/ip_vs >/dev/null && echo ipvs-ok; exit 3' \
        >"$TEST_TMP/out" 2>"$TEST_TMP/err" || status=$?
    assert_eq 3 "$status" "exit status"
    assert_contains "$(cat "$TEST_TMP/out")" "ipvs-ok"
    assert_contains "$(cat "$TEST_TMP/out")" "-amd64"
}
