# The Debian package (scripts/package, issue 11 item 7): it builds from this checkout's jar, lintian reports
# no error, and dpkg -i installs it into a throwaway root whose installed files are then run.
#
# Never installed into the host's / (nor the test VM's, which is the host's / over 9p): dpkg gets --root on a
# temporary directory, with a copy of this machine's dpkg status so Depends: is checked against what is really
# installed (an empty info/NAME.list per package keeps dpkg from warning about each one). The maintainer scripts
# run chrootless (the root has no shell) with DPKG_ROOT set, which makes them touch nothing. The installed
# files are then run where they belong, /usr/bin/lvsd, /etc/lvsd/lvsd.cf, in a private mount namespace whose
# /usr and /etc are read-only overlays of the throwaway root's on the host's (the host's java, the package's
# files); nothing outside that namespace sees them.

# _build: the package from the jar scripts/test built, into $TEST_TMP/pkg; sets DEB and VERSION.
_build() {
    [[ -f "$REPO/target/lvsd.jar" ]] || fail "target/lvsd.jar missing (scripts/test builds it)"
    DEB=$("$REPO/scripts/package" --no-build --out "$TEST_TMP/pkg") || fail "scripts/package failed"
    local version
    version=$(sed -n 's:^  <version>\([^<]*\)</version>.*:\1:p' "$REPO/pom.xml" | head -n 1)
    assert_eq "$TEST_TMP/pkg/lvsd_${version}_all.deb" "$DEB" "the package's file name"
    VERSION=$version
}

# _root DIR [STATUS-FILTER]: an empty root with a dpkg database holding this machine's installed packages
# (minus the stanza of the package named by STATUS-FILTER, for the negative test).
_root() {
    local root=$1 without=${2:-} admin=$1/var/lib/dpkg
    mkdir -p "$admin/info" "$admin/updates" "$admin/triggers"
    : >"$admin/available"
    if [[ -n "$without" ]]; then
        awk -v RS= -v ORS='\n\n' -v p="Package: $without" 'index($0, p "\n") != 1' /var/lib/dpkg/status \
            >"$admin/status"
    else
        cp /var/lib/dpkg/status "$admin/status"
    fi
    dpkg-query -W -f='${db:Status-Status} ${binary:Package}\n' | awk '$1 == "installed" {print $2}' |
        while read -r p; do : >"$admin/info/$p.list"; done
}

_dpkg() {
    local root=$1; shift
    dpkg --root="$root" --force-script-chrootless --log="$TEST_TMP/dpkg.log" "$@"
}

# _in_root ROOT SCRIPT: runs the bash SCRIPT with ROOT's /usr and /etc laid over the host's, in a private
# mount namespace.
_in_root() {
    local root=$1 script=$2
    unshare --mount --propagation private bash -euo pipefail -c '
        mount -t overlay lvsd-pkg-usr -o "ro,lowerdir=$1/usr:/usr" /usr
        mount -t overlay lvsd-pkg-etc -o "ro,lowerdir=$1/etc:/etc" /etc
        cd "$2"; eval "$3"' _ "$root" "$TEST_TMP" "$script"
}

test_the_package_builds_and_lintian_reports_no_error() {
    command -v lintian >/dev/null || fail "lintian is missing (Debian package lintian, tests/apt-packages.txt)"
    _build
    local status=0
    lintian --fail-on error -I --pedantic "$DEB" >"$TEST_TMP/lintian.txt" 2>&1 || status=$?
    cat "$TEST_TMP/lintian.txt" # warnings and notes stay in the log
    assert_eq "" "$(grep '^E:' "$TEST_TMP/lintian.txt" || true)" "lintian errors"
    assert_eq 0 "$status" "lintian's exit status"
    # what the control file says
    local control
    control=$(dpkg-deb -f "$DEB")
    assert_contains "$control" "Version: $VERSION"
    assert_contains "$control" "Architecture: all"
    assert_contains "$control" "Depends: openjdk-17-jre-headless"
    assert_eq "/etc/lvsd/lvsd.cf" "$(dpkg-deb --ctrl-tarfile "$DEB" | tar -xO ./conffiles)" "conffiles"
    # built twice, the same bytes (every date is the changelog's)
    local again
    again=$("$REPO/scripts/package" --no-build --out "$TEST_TMP/again")
    assert_eq "$(sha256sum <"$DEB")" "$(sha256sum <"$again")" "sha256 of a second build"
}

test_lintian_fails_a_package_without_copyright() {
    # the check above can fail: the same staging tree without its copyright file
    command -v lintian >/dev/null || fail "lintian is missing"
    _build
    cp -a "$TEST_TMP/pkg/lvsd-deb/root" "$TEST_TMP/broken"
    rm "$TEST_TMP/broken/usr/share/doc/lvsd/copyright"
    sed -i '/copyright$/d' "$TEST_TMP/broken/DEBIAN/md5sums"
    dpkg-deb --root-owner-group -Zgzip -z1 --build "$TEST_TMP/broken" "$TEST_TMP/broken.deb" >/dev/null
    local status=0
    lintian --fail-on error "$TEST_TMP/broken.deb" >"$TEST_TMP/lintian.txt" 2>&1 || status=$?
    assert_contains "$(cat "$TEST_TMP/lintian.txt")" "E: lvsd: no-copyright-file"
    assert_ne 0 "$status" "lintian's exit status"
}

test_installed_lvsd_runs_its_sample_and_its_manual_renders() {
    _build
    local root=$TEST_TMP/root
    _root "$root"
    assert_status 0 _dpkg "$root" -i "$DEB"
    assert_not_contains "$(cat "$TEST_TMP/out" "$TEST_TMP/err")" "dependency problems"
    assert_eq "ii lvsd $VERSION" "$(dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${db:Status-Abbrev}${Package} ${Version}' lvsd | tr -s ' ')" \
        "dpkg's record of the package"
    [[ -x "$root/usr/bin/lvsd" && -f "$root/usr/share/lvsd/lvsd.jar" && -f "$root/etc/lvsd/lvsd.cf" ]] ||
        fail "files missing under $root: $(cd "$root" && find . -path ./var -prune -o -type f -print)"

    _in_root "$root" '
        # ($1 is the root) which jar the installed wrapper runs: the JVM logs where it loaded lvsd.cli.Main from
        LVSD_JAVA_OPTS="-Xlog:class+load=info:file=$PWD/classload.log" /usr/bin/lvsd --version >version.txt
        /usr/bin/lvsd --help >help.txt
        status=0; /usr/bin/lvsd check-config /etc/lvsd/lvsd.cf >check.out 2>check.err || status=$?; echo $status >check.status
        for page in man8/lvsd.8 man5/lvsd.cf.5; do
            name=$(basename "$page")
            LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "/usr/share/man/$page.gz" >"$name.txt" 2>"$name.warnings"
        done
        systemd-analyze verify --man=no "$1/lib/systemd/system/lvsd.service" >verify.log 2>&1 || true
        ls -l /usr/share/lvsd /usr/bin/lvsd /etc/lvsd >ls.txt
    ' || fail "the commands inside the package's root failed"
    assert_eq "lvsd $VERSION" "$(cat "$TEST_TMP/version.txt")" "installed lvsd --version"
    assert_contains "$(cat "$TEST_TMP/classload.log")" "lvsd.cli.Main source: file:/usr/share/lvsd/lvsd.jar"
    assert_eq 0 "$(cat "$TEST_TMP/check.status")" "lvsd check-config /etc/lvsd/lvsd.cf exit status ($(cat "$TEST_TMP/check.err"))"
    assert_contains "$(cat "$TEST_TMP/check.out")" "/etc/lvsd/lvsd.cf: OK"
    # the unit's ExecStart= program exists in the package (verify checks that), no complaint about our unit
    assert_eq "" "$(grep -E 'lvsd(@)?\.service' "$TEST_TMP/verify.log" || true)" "systemd-analyze verify on the installed unit"

    # lvsd(8): no groff warning; every command --help lists (the model at build time) has its sub-section
    assert_eq "" "$(cat "$TEST_TMP/lvsd.8.warnings")" "man warnings for lvsd(8)"
    local page commands cmd
    page=$(cat "$TEST_TMP/lvsd.8.txt")
    assert_contains "$page" "LVSD(8)"
    commands=$(awk '/^Commands:/ {on = 1; next} on && /^  [a-z]/ {print $1}' "$TEST_TMP/help.txt")
    [[ $(wc -w <<<"$commands") -ge 5 ]] || fail "lvsd --help lists too few commands: [$commands]"
    for cmd in $commands; do
        grep -qE "^   lvsd $cmd\$" <<<"$page" || fail "lvsd(8) has no sub-section for 'lvsd $cmd'"
    done
    assert_contains "$page" "--resync-interval=SECONDS"
    # lvsd.cf(5): from docs/config.md, every ## section but the two left out
    assert_eq "" "$(cat "$TEST_TMP/lvsd.cf.5.warnings")" "man warnings for lvsd.cf(5)"
    page=$(cat "$TEST_TMP/lvsd.cf.5.txt")
    local title
    while read -r title; do
        case $title in *"Java API"|*Tests) assert_not_contains "$page" "$title"; continue ;; esac
        title=${title//\`/}
        grep -qF -- "$title" <<<"$page" || fail "lvsd.cf(5) lacks the section [$title] of docs/config.md"
    done < <(sed -n 's/^## //p' "$REPO/docs/config.md")
    assert_contains "$page" "checktimeout"

    # the completion script loads in bash and completes commands and options
    local completion=$root/usr/share/bash-completion/completions/lvsd
    assert_contains "$(bash -c 'source "$1" && complete -p lvsd' _ "$completion")" "_complete_lvsd lvsd"
    local got
    got=$(bash -c 'source "$1"; COMP_WORDS=(lvsd che); COMP_CWORD=1; COMP_LINE="lvsd che"; COMP_POINT=8
        _complete_lvsd lvsd che lvsd 2>/dev/null; printf "%s\n" "${COMPREPLY[@]}"' _ "$completion")
    assert_eq "check-config" "$got" "completions of 'lvsd che'"
    got=$(bash -c 'source "$1"; COMP_WORDS=(lvsd run --pi); COMP_CWORD=2; COMP_LINE="lvsd run --pi"; COMP_POINT=13
        _complete_lvsd lvsd --pi run 2>/dev/null; printf "%s\n" "${COMPREPLY[@]}"' _ "$completion")
    assert_eq "--pid-file" "$got" "completions of 'lvsd run --pi'"

    # remove keeps the edited conffile, purge removes it
    echo "# edited" >>"$root/etc/lvsd/lvsd.cf"
    assert_status 0 _dpkg "$root" -r lvsd
    [[ ! -e "$root/usr/bin/lvsd" && ! -e "$root/usr/share/lvsd/lvsd.jar" ]] || fail "remove left the program"
    [[ -f "$root/etc/lvsd/lvsd.cf" ]] || fail "remove deleted the conffile"
    assert_status 0 _dpkg "$root" -P lvsd
    [[ ! -e "$root/etc/lvsd/lvsd.cf" ]] || fail "purge left /etc/lvsd/lvsd.cf"
}

test_dpkg_refuses_the_package_where_java_17_is_not_installed() {
    # Depends: is really checked: the same install with openjdk-17-jre-headless missing from the database
    _build
    grep -q '^Package: openjdk-17-jre-headless$' /var/lib/dpkg/status || fail "openjdk-17-jre-headless is not installed here"
    local root=$TEST_TMP/root
    _root "$root" openjdk-17-jre-headless
    assert_status 1 _dpkg "$root" -i "$DEB"
    assert_contains "$(cat "$TEST_TMP/err")" "depends on openjdk-17-jre-headless"
    assert_contains "$(dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${db:Status-Abbrev}' lvsd)" "iU"
}
