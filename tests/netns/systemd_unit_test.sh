# The systemd units (systemd/lvsd.service, systemd/lvsd@.service) pass `systemd-analyze verify`, keep the
# hardening docs/daemon.md describes, and stay copies of each other outside the instance lines.
#
# verify also checks that ExecStart='s and ExecReload='s program exists, and /usr/bin/lvsd is not installed on a
# build host: the units are verified as copies whose ExecStart= and ExecReload= run this checkout's scripts/lvsd
# instead (that substitution, nothing else). verify exits 0 even for unknown keys or bad values (it logs them and goes on),
# so a test fails on any line verify prints about our files, not only on its exit status.

# _verify UNIT...: copies each unit into $TEST_TMP/units with ExecStart= on scripts/lvsd, runs verify on the
# copies; their diagnostics (lines naming a copy) end up in $TEST_TMP/ours.
_verify() {
    command -v systemd-analyze >/dev/null || fail "systemd-analyze is missing (Debian package systemd)"
    mkdir -p "$TEST_TMP/units"
    local copies=() u
    for u in "$@"; do
        sed -e "s#^ExecStart=/usr/bin/lvsd #ExecStart=$REPO/scripts/lvsd #" \
            -e "s#^ExecReload=/usr/bin/lvsd #ExecReload=$REPO/scripts/lvsd #" "$u" >"$TEST_TMP/units/$(basename "$u")"
        copies+=("$TEST_TMP/units/$(basename "$u")")
    done
    local status=0
    systemd-analyze verify --man=no "${copies[@]}" >"$TEST_TMP/verify.log" 2>&1 || status=$?
    grep -F "$TEST_TMP/units/" "$TEST_TMP/verify.log" >"$TEST_TMP/ours" || true
    grep -E '^(lvsd|lvsd@)\.service: ' "$TEST_TMP/verify.log" >>"$TEST_TMP/ours" || true
    return $status
}

test_both_units_pass_systemd_analyze_verify() {
    _verify "$REPO/systemd/lvsd.service" "$REPO/systemd/lvsd@.service" || fail "verify exited $?:
$(cat "$TEST_TMP/verify.log")"
    assert_eq "" "$(cat "$TEST_TMP/ours")" "verify's diagnostics about our units"
    # the substitution happened: a copy's ExecStart= is the checkout's program
    grep -qxF "ExecStart=$REPO/scripts/lvsd run -f \${LVSD_CONFIG} --pid-file /run/lvsd/lvsd.pid --status-file /run/lvsd/lvsd.json" \
        "$TEST_TMP/units/lvsd.service" || fail "the copy's ExecStart= was not rewritten"
}

test_verify_catches_a_bad_line_in_a_unit() {
    # the check above can fail: the same unit with one bad value and one unknown key
    sed -e 's/^WatchdogSec=30s$/WatchdogSec=soon/' -e 's/^NoNewPrivileges=yes$/NoNewPrivilege=yes/' \
        "$REPO/systemd/lvsd@.service" >"$TEST_TMP/lvsd@.service"
    _verify "$TEST_TMP/lvsd@.service" || true
    assert_contains "$(cat "$TEST_TMP/ours")" "Failed to parse sec value, ignoring: soon"
    assert_contains "$(cat "$TEST_TMP/ours")" "Unknown key 'NoNewPrivilege'"
}

test_units_carry_the_notify_watchdog_and_hardening_settings() {
    local u line
    for u in lvsd.service lvsd@.service; do
        for line in Type=notify NotifyAccess=main WatchdogSec=30s RuntimeDirectoryMode=0700 \
            'CapabilityBoundingSet=CAP_NET_ADMIN CAP_NET_RAW' NoNewPrivileges=yes ProtectSystem=strict \
            ProtectHome=yes PrivateTmp=yes ProtectKernelTunables=no ProtectKernelModules=yes \
            ProtectControlGroups=yes; do
            grep -qxF "$line" "$REPO/systemd/$u" || fail "$u lacks the line [$line]"
        done
    done
    grep -qxF RuntimeDirectory=lvsd "$REPO/systemd/lvsd.service" || fail "lvsd.service: RuntimeDirectory=lvsd"
    grep -qxF 'RuntimeDirectory=lvsd@%i' "$REPO/systemd/lvsd@.service" || fail "lvsd@.service: RuntimeDirectory"
    # reloads go through the control socket, which answers with the outcome
    grep -qxF 'ExecReload=/usr/bin/lvsd reload -f ${LVSD_CONFIG}' "$REPO/systemd/lvsd.service" \
        || fail "lvsd.service: ExecReload through lvsd reload"
    grep -qxF 'ExecReload=/usr/bin/lvsd reload -f ${LVSD_CONFIG} --socket /run/lvsd@%i/lvsd.sock' \
        "$REPO/systemd/lvsd@.service" || fail "lvsd@.service: ExecReload through the instance's socket"
}

test_the_template_differs_from_lvsd_service_only_in_the_instance_lines() {
    # settings only (no comments, no blank lines), without the lines that name the instance
    local instance='^(Description|Environment=LVSD_CONFIG|RuntimeDirectory=|ExecStart|ExecReload|EnvironmentFile=-/etc/default/lvsd@)'
    grep -vE '^\s*(#|$)' "$REPO/systemd/lvsd.service" | grep -vE "$instance" >"$TEST_TMP/plain" || true
    grep -vE '^\s*(#|$)' "$REPO/systemd/lvsd@.service" | grep -vE "$instance" >"$TEST_TMP/template" || true
    assert_file_eq "$TEST_TMP/plain" "$TEST_TMP/template"
    [[ $(wc -l <"$TEST_TMP/plain") -gt 30 ]] || fail "the comparison compared almost nothing"
}
