# The end-to-end topology shared by the e2e suites (tests/e2e/e2e_*_test.sh) and scripts/demo: one bridge,
# a client, two directors each running `lvsd run` on ONE ldirectord.cf (virtual services + VRRP), three real
# HTTP servers and a sorry server, every node its own network namespace (so each director has its own IPVS
# table). The client is tests/e2e/e2e-client.py, started once per scenario (a python start costs seconds
# in the emulated VM); the test marks phases with e2e_mark and asserts on the client's per-phase summary.
#
#   e2e_topology dr|nat        namespaces, bridge, addresses, servers' pages; E2E_MODE is set
#   e2e_write_cf [GLOBALS] [VIRTUAL-LINES] [REALS]   the one file both directors run ($E2E_CF)
#   e2e_server_start NAME / e2e_server_stop NAME     NAME = r1 r2 r3 sorry (busybox httpd on :80)
#   e2e_lvsd_start D [ARGS] / e2e_lvsd_stop D [SIG]  D = d1 d2: log $TEST_TMP/D.log, pid $TEST_TMP/D.pid,
#                                                    status $TEST_TMP/D.json, VRRP status $TEST_TMP/D.vrrp
#   e2e_vip_holder / e2e_wait_vip D                  which director holds the (outside) VIP
#   e2e_weight D NAME / e2e_wait_weight D NAME W     kernel weight of a real in D's IPVS table ("absent")
#   e2e_client_start [ARGS] / e2e_client_stop        the client in the client namespace; summary after stop
#   e2e_mark PHASE                                   starts a phase now (the client's clock: CLOCK_BOOTTIME)
#   e2e_served_since_mark NAME                       requests NAME answered since the last mark
#
# Addresses (all created here): outside 10.50.0.0/24 — client .10, directors .2 .3, VIP .100;
# DR: reals .11 .12 .13, sorry .19 on the same subnet, each with the VIP on lo (arp_ignore=1, arp_announce=2);
# NAT: reals 10.51.0.11-.13, sorry .19 on the inside subnet (same bridge), directors 10.51.0.2 .3, the floating
# gateway 10.51.0.1 moved with the VIP by a vrrp_sync_group; reals route through it.

E2E_NET=10.50.0
E2E_INSIDE=10.51.0
E2E_VIP=$E2E_NET.100
E2E_GW=$E2E_INSIDE.1
E2E_CLIENT_IP=$E2E_NET.10
E2E_DIRECTORS=(d1 d2)
E2E_SERVERS=(r1 r2 r3 sorry)
E2E_CF=${TEST_TMP:-.}/ldirectord.cf
# VRRP advert interval (v3, seconds) and the checks' timing: the client's failure window for a dead real is
# checkinterval + checktimeout + 1 s (issue 10).
E2E_ADVERT_INT=${E2E_ADVERT_INT:-1}
E2E_CHECKINTERVAL=${E2E_CHECKINTERVAL:-1}
E2E_CHECKTIMEOUT=${E2E_CHECKTIMEOUT:-3}

_e2e_ns() { echo "e2e-$1"; }

# e2e_addr NAME: the address of a node (d1 d2 client r1 r2 r3 sorry) as the directors reach it.
e2e_addr() {
    local inner=$E2E_NET
    [[ ${E2E_MODE:-dr} == nat && $1 != d* && $1 != client ]] && inner=$E2E_INSIDE
    case $1 in
        client) echo "$E2E_CLIENT_IP" ;;
        d1) echo "$E2E_NET.2" ;;
        d2) echo "$E2E_NET.3" ;;
        r1) echo "$inner.11" ;;
        r2) echo "$inner.12" ;;
        r3) echo "$inner.13" ;;
        sorry) echo "$inner.19" ;;
        *) fail "no node $1" ;;
    esac
}

# _e2e_sysctl NS KEY=VALUE...: sysctl inside a namespace (writes /proc/sys directly: no sysctl binary needed).
_e2e_sysctl() {
    local ns=$1 kv; shift
    for kv in "$@"; do
        echo "${kv#*=}" | ip netns exec "$ns" tee "/proc/sys/${kv%%=*}" >/dev/null
    done
}

_e2e_busybox() {
    command -v busybox 2>/dev/null || echo /bin/busybox
}

# e2e_topology dr|nat
e2e_topology() {
    E2E_MODE=$1
    [[ $E2E_MODE == dr || $E2E_MODE == nat ]] || fail "e2e_topology: mode dr or nat, not $E2E_MODE"
    [[ -x $(_e2e_busybox) ]] || fail "busybox is needed for the real servers (Debian: busybox-static)"
    local sw
    sw=$(_e2e_ns sw)
    topo_ns "$sw"
    topo_bridge "$sw" br0
    local node ns
    topo_ns "$(_e2e_ns client)"
    topo_port "$sw" br0 "$(_e2e_ns client)" eth0 "$E2E_CLIENT_IP/24"
    for node in "${E2E_DIRECTORS[@]}"; do
        ns=$(_e2e_ns "$node")
        topo_ns "$ns"
        topo_port "$sw" br0 "$ns" eth0 "$(e2e_addr "$node")/24"
        if [[ $E2E_MODE == nat ]]; then
            ip -n "$ns" addr add "$E2E_INSIDE.$((${node#d} + 1))/24" dev eth0
            # both subnets share the bridge: a director forwarding a reply out of the interface it came in on
            # would tell the real to send it to the client directly (ICMP redirect), bypassing IPVS
            _e2e_sysctl "$ns" net/ipv4/ip_forward=1 net/ipv4/conf/all/send_redirects=0 \
                net/ipv4/conf/eth0/send_redirects=0
        fi
    done
    for node in "${E2E_SERVERS[@]}"; do
        ns=$(_e2e_ns "$node")
        topo_ns "$ns"
        topo_port "$sw" br0 "$ns" eth0 "$(e2e_addr "$node")/24"
        if [[ $E2E_MODE == dr ]]; then
            ip -n "$ns" addr add "$E2E_VIP/32" dev lo
            _e2e_sysctl "$ns" net/ipv4/conf/all/arp_ignore=1 net/ipv4/conf/all/arp_announce=2 \
                net/ipv4/conf/eth0/arp_ignore=1 net/ipv4/conf/eth0/arp_announce=2
        else
            ip -n "$ns" route add default via "$E2E_GW"
            _e2e_sysctl "$ns" net/ipv4/conf/all/accept_redirects=0 net/ipv4/conf/eth0/accept_redirects=0
        fi
        mkdir -p "$TEST_TMP/www-$node"
        echo "served-by $node" >"$TEST_TMP/www-$node/index.html"
    done
}

# e2e_write_cf [GLOBAL-LINES] [VIRTUAL-LINES] [REAL-LINES]: the one file both directors run. Defaults: the three
# reals at weight 1 (wrr), the sorry server as fallback, an HTTP negotiate check of "/", quiescent=yes, one
# vrrp_instance (DR) or two in a vrrp_sync_group (NAT), equal priorities on both directors (the director that
# starts first stays master: an equal-priority advert keeps a backup a backup). Written in place (an edit as an
# editor saving in place; autoreload=yes picks it up).
e2e_write_cf() {
    local globals=${1:-${E2E_GLOBALS:-quiescent=yes}} extra=${2:-} reals=${3:-} fwd=gate
    [[ $E2E_MODE == nat ]] && fwd=masq
    if [[ -z $reals ]]; then
        reals="    real=$(e2e_addr r1):80 $fwd 1
    real=$(e2e_addr r2):80 $fwd 1
    real=$(e2e_addr r3):80 $fwd 1"
    fi
    local text
    text=$(
        cat <<CF
# written by tests/e2e/e2e-topology.bash for both directors ($E2E_MODE)
checkinterval=$E2E_CHECKINTERVAL
checktimeout=$E2E_CHECKTIMEOUT
negotiatetimeout=$E2E_CHECKTIMEOUT
autoreload=yes
$globals

virtual=$E2E_VIP:80
$reals
    fallback=$(e2e_addr sorry):80 $fwd
    scheduler=wrr
    protocol=tcp
    checktype=negotiate
    service=http
    request="/"
    receive="served-by"
    servicename=web
$extra

CF
        e2e_vrrp_blocks
    )
    printf '%s\n' "$text" >"$E2E_CF"
}

# e2e_vrrp_blocks [EXTRA-INSTANCE-LINES]: keepalived's vocabulary. DR: VI_1 holds the VIP. NAT: VI_OUT holds the VIP,
# VI_IN the inside gateway; the sync group moves them together.
e2e_vrrp_blocks() {
    local extra=${1:-${E2E_VRRP_EXTRA:-}}
    if [[ $E2E_MODE == dr ]]; then
        _e2e_instance VI_1 50 "$E2E_VIP/32" "$extra"
    else
        _e2e_instance VI_OUT 50 "$E2E_VIP/32" "$extra"
        echo
        _e2e_instance VI_IN 51 "$E2E_GW/32" "$extra"
        echo
        echo "vrrp_sync_group=DIRECTOR"
        echo "    group=VI_OUT VI_IN"
    fi
}

_e2e_instance() {
    cat <<VI
vrrp_instance=$1
    state=BACKUP
    interface=eth0
    virtual_router_id=$2
    priority=100
    version=3
    advert_int=$E2E_ADVERT_INT
    virtual_ipaddress=$3 dev eth0
    garp_master_delay=1
VI
    [[ -z $4 ]] || printf '%s\n' "$4"
}

# e2e_server_start NAME: busybox httpd on :80 (all addresses: in DR the VIP on lo too), answering
# "served-by NAME"; waits until it accepts.
e2e_server_start() {
    local name=$1 ns
    ns=$(_e2e_ns "$name")
    ip netns exec "$ns" "$(_e2e_busybox)" httpd -f -p 80 -h "$TEST_TMP/www-$name" 2>>"$TEST_TMP/$name.httpd.err" &
    echo $! >"$TEST_TMP/$name.httpd.pid"
    defer kill -KILL $!
    wait_for 60 ip netns exec "$ns" bash -c "exec 3<>/dev/tcp/$(e2e_addr "$name")/80"
}

# e2e_server_stop NAME: kills the server: the next connect to it is refused.
e2e_server_stop() {
    local pid
    pid=$(<"$TEST_TMP/$1.httpd.pid")
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# e2e_lvsd_start D [ARGS...]: `lvsd run -f $E2E_CF` in director D's namespace; returns when it is running.
e2e_lvsd_start() {
    e2e_lvsd_launch "$@"
    e2e_lvsd_wait_running "$1"
}

# e2e_lvsd_launch D [ARGS...]: starts it in the background (a JVM start costs minutes in a loaded emulated VM:
# launch both directors, then wait for both).
e2e_lvsd_launch() {
    local d=$1; shift
    rm -f "$TEST_TMP/$d.json" "$TEST_TMP/$d.vrrp"
    # env --default-signal: a background job of a non-interactive shell starts with SIGINT ignored
    ip netns exec "$(_e2e_ns "$d")" env --default-signal=INT,TERM "$REPO/scripts/lvsd" run -f "$E2E_CF" \
        --pid-file "$TEST_TMP/$d.lvsd.pid" --status-file "$TEST_TMP/$d.json" \
        --vrrp-status-file "$TEST_TMP/$d.vrrp" --resync-interval 1 --poll-interval 0.2 "$@" \
        >>"$TEST_TMP/$d.log" 2>&1 &
    local pid=$!
    echo "$pid" >"$TEST_TMP/$d.pid"
    defer kill -KILL "$pid"
}

# e2e_lvsd_wait_running D: waits until D's status file says running (fails if it exits first).
e2e_lvsd_wait_running() {
    local d=$1 pid
    pid=$(<"$TEST_TMP/$d.pid")
    local deadline=$((SECONDS + 400))
    until grep -q '"phase":"running"' "$TEST_TMP/$d.json" 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || fail "lvsd run in $d exited at start:
$(tail -n 30 "$TEST_TMP/$d.log")"
        ((SECONDS < deadline)) || fail "lvsd run in $d not running after 400 s:
$(tail -n 30 "$TEST_TMP/$d.log")"
        sleep 0.1
    done
}

# e2e_lvsd_stop D [SIGNAL]: signals D's lvsd (TERM by default) and waits for it to exit; returns its status.
e2e_lvsd_stop() {
    local pid status=0
    pid=$(<"$TEST_TMP/$1.pid")
    kill -"${2:-TERM}" "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || status=$?
    return "$status"
}

# e2e_has_vip D [ADDR]: director D holds ADDR (default the VIP).
e2e_has_vip() {
    ip -n "$(_e2e_ns "$1")" -o -4 addr show dev eth0 | grep -q " inet ${2:-$E2E_VIP}/"
}

# e2e_vip_holder: the directors holding the VIP (space-separated; empty when none).
e2e_vip_holder() {
    local d out=()
    for d in "${E2E_DIRECTORS[@]}"; do
        if e2e_has_vip "$d"; then out+=("$d"); fi
    done
    echo "${out[*]}"
}

_e2e_holder_is() {
    [[ $(e2e_vip_holder) == "$1" ]]
}

# e2e_wait_vip D [SECONDS]: waits until D alone holds the VIP (and, NAT, the gateway).
e2e_wait_vip() {
    if ! wait_for_quiet "${2:-120}" _e2e_holder_is "$1"; then
        fail "the VIP is held by [$(e2e_vip_holder)], not [$1]"
    fi
    if [[ $E2E_MODE == nat ]]; then
        wait_for "${2:-120}" e2e_has_vip "$1" "$E2E_GW"
    fi
}

# e2e_weight D NAME: the kernel weight of NAME's real in director D's virtual, or "absent".
e2e_weight() {
    local w
    w=$(ip netns exec "$(_e2e_ns "$1")" ipvsadm-save -n |
        awk -v r="$(e2e_addr "$2"):80" '$1 == "-a" && $5 == r {print $8}')
    echo "${w:-absent}"
}

_e2e_weight_is() {
    [[ $(e2e_weight "$1" "$2") == "$3" ]]
}

# e2e_wait_weight D NAME WEIGHT [SECONDS]
e2e_wait_weight() {
    if ! wait_for_quiet "${4:-120}" _e2e_weight_is "$1" "$2" "$3"; then
        fail "real $2 in $1 never got weight $3 (now $(e2e_weight "$1" "$2")):
$(ip netns exec "$(_e2e_ns "$1")" ipvsadm-save -n)
$1 log:
$(tail -n 30 "$TEST_TMP/$1.log")"
    fi
}

# The client's files. E2E_CLIENT_DIR (set before sourcing) moves them off $TEST_TMP: in the VM that is the host's
# file system over 9p, where the client's per-request log write and stop-file check may wait behind a JVM start's
# reads (a suspect for 1 s timeouts of issue 12's first run); /run is the guest's own tmpfs.
E2E_CLIENT_DIR=${E2E_CLIENT_DIR:-${TEST_TMP:-.}}
E2E_CLIENT_LOG=$E2E_CLIENT_DIR/client.log
E2E_MARKS=$E2E_CLIENT_DIR/client.marks
E2E_SUMMARY=$E2E_CLIENT_DIR/client.summary

# _e2e_python: Debian's python3 (the VM inherits the host's PATH, where a pyenv shim may come first: a shell
# script and a second interpreter, each read over 9p, cost minutes under emulation).
_e2e_python() {
    if [[ -x /usr/bin/python3 ]]; then echo /usr/bin/python3; else command -v python3; fi
}

# e2e_client_start [ARGS...]: the client in its namespace, requests to the VIP until e2e_client_stop (or
# --duration). ARGS go to e2e-client.py (e.g. --port-pool 16). Returns once it has logged a first result.
e2e_client_start() {
    e2e_client_launch "$@"
    e2e_client_wait_started
}

# e2e_client_launch [ARGS...]: starts it without waiting (its start overlaps the directors' JVM starts;
# requests before the first mark count in the unasserted phase "start").
e2e_client_launch() {
    rm -f "$E2E_CLIENT_LOG" "$E2E_SUMMARY" "$E2E_CLIENT_DIR/client.stop"
    : >"$E2E_MARKS"
    ip netns exec "$(_e2e_ns client)" "$(_e2e_python)" -I "$REPO/tests/e2e/e2e-client.py" --target "$E2E_VIP:80" \
        --log "$E2E_CLIENT_LOG" --marks "$E2E_MARKS" --stop-file "$E2E_CLIENT_DIR/client.stop" \
        --summary "$E2E_SUMMARY" --duration 3600 "$@" >"$E2E_CLIENT_DIR/client.out" 2>&1 &
    E2E_CLIENT_PID=$!
    defer kill -KILL "$E2E_CLIENT_PID"
}

e2e_client_wait_started() {
    wait_for 300 test -s "$E2E_CLIENT_LOG"
}

# e2e_client_stop: tells the client to stop, waits for it, prints its per-phase table.
e2e_client_stop() {
    touch "$E2E_CLIENT_DIR/client.stop"
    wait "$E2E_CLIENT_PID" || fail "the client exited $?: $(tail -n 20 "$E2E_CLIENT_DIR/client.out")"
    [[ -s $E2E_SUMMARY ]] || fail "the client wrote no summary: $(tail -n 20 "$E2E_CLIENT_DIR/client.out")"
    cat "$E2E_CLIENT_DIR/client.out"
    _e2e_load_summary
}

# e2e_now: CLOCK_BOOTTIME in seconds (/proc/uptime), the client's clock.
e2e_now() {
    local up _
    read -r up _ </proc/uptime
    echo "$up"
}

# e2e_mark PHASE: requests started from now on count in PHASE.
e2e_mark() {
    E2E_MARK_TIME=$(e2e_now)
    echo "$1 $E2E_MARK_TIME" >>"$E2E_MARKS"
}

# e2e_served_since_mark NAME: requests NAME answered that started after the last mark.
e2e_served_since_mark() {
    awk -v t="${E2E_MARK_TIME:-0}" -v n="$1" '$1 >= t && $2 == "ok" && $3 == n {c++} END {print c + 0}' \
        "$E2E_CLIENT_LOG"
}

_e2e_served_at_least() {
    (($(e2e_served_since_mark "$1") >= $2))
}

# e2e_wait_served NAME N [SECONDS]: waits until NAME answered N requests in this phase.
e2e_wait_served() {
    wait_for "${3:-60}" _e2e_served_at_least "$1" "$2"
}

# e2e_requests_since_mark: requests (any result) started after the last mark.
e2e_requests_since_mark() {
    awk -v t="${E2E_MARK_TIME:-0}" '$1 >= t {c++} END {print c + 0}' "$E2E_CLIENT_LOG"
}

_e2e_requests_at_least() {
    (($(e2e_requests_since_mark) >= $1))
}

# e2e_wait_requests N [SECONDS]: lets the phase run for N more requests.
e2e_wait_requests() {
    wait_for "${2:-120}" _e2e_requests_at_least "$1"
}

# e2e_phase FIELD PHASE: a field of PHASE's summary row: requests failed last_fail (s after the phase started,
# -1.00 when none) servers (name:count,...) reasons (reason:count,...). Bash builtins only (a process start
# costs ~0.1 s in the emulated VM, and a scenario asserts dozens of fields).
e2e_phase() {
    if ((${#E2E_SUM[@]} == 0)); then _e2e_load_summary; fi
    [[ -v "E2E_SUM[$2.$1]" ]] || fail "no $1 for phase $2 in the client's summary"
    echo "${E2E_SUM[$2.$1]}"
}

declare -gA E2E_SUM=()

_e2e_load_summary() {
    local phase requests failed last servers reasons
    while IFS=$'\t' read -r phase requests failed last servers reasons; do
        [[ $phase == phase ]] && continue
        E2E_SUM[$phase.requests]=$requests E2E_SUM[$phase.failed]=$failed E2E_SUM[$phase.last_fail]=$last
        E2E_SUM[$phase.servers]=$servers E2E_SUM[$phase.reasons]=$reasons
    done <"$E2E_SUMMARY"
}

# e2e_served_in PHASE NAME: how many requests NAME answered in PHASE.
e2e_served_in() {
    local s kv n=0
    s=$(e2e_phase servers "$1")
    local IFS=,
    for kv in $s; do
        [[ ${kv%%:*} == "$2" ]] && n=${kv#*:}
    done
    echo "$n"
}

# e2e_centis SECONDS: "1.18" -> 118, "-1.00" -> -100 (the summary's two-decimal seconds, compared in bash).
e2e_centis() {
    local v=$1 sign=1
    [[ $v == -* ]] && { sign=-1; v=${v#-}; }
    echo $((sign * (10#${v%%.*} * 100 + 10#${v#*.})))
}

# e2e_scenario_start MODE GLOBALS [CLIENT-ARGS...]: topology, servers, the file, the client and both directors launched at once
# (equal priorities: the first to time out becomes master), E2E_MASTER / E2E_BACKUP set, every real in both
# tables, the client running. Prints the VM time it took.
e2e_scenario_start() {
    local mode=$1 globals=$2; shift 2
    E2E_GLOBALS=$globals
    E2E_T0=$SECONDS
    e2e_topology "$mode"
    local s
    for s in "${E2E_SERVERS[@]}"; do e2e_server_start "$s"; done
    e2e_write_cf "$globals"
    e2e_client_launch "$@"
    e2e_lvsd_launch d1
    e2e_lvsd_launch d2
    e2e_lvsd_wait_running d1
    e2e_lvsd_wait_running d2
    e2e_wait_one_master
    for s in r1 r2 r3; do
        e2e_wait_weight "$E2E_MASTER" "$s" 1
        e2e_wait_weight "$E2E_BACKUP" "$s" 1
    done
    e2e_client_wait_started
    echo "scenario set up in $((SECONDS - E2E_T0)) s of VM time (master $E2E_MASTER)"
}

_e2e_one_master() {
    local h
    h=$(e2e_vip_holder)
    [[ $h == d1 || $h == d2 ]] || return 1
    local other=d2
    [[ $h == d2 ]] && other=d1
    grep -q "^instance [A-Z_0-9]* state BACKUP" "$TEST_TMP/$other.vrrp" 2>/dev/null
}

# e2e_wait_one_master: waits until one director holds the VIP (and, NAT, the gateway) and the other is BACKUP;
# sets E2E_MASTER and E2E_BACKUP.
e2e_wait_one_master() {
    wait_for_quiet 120 _e2e_one_master || fail "no single master: VIP on [$(e2e_vip_holder)]
d1: $(head -n 3 "$TEST_TMP/d1.vrrp" 2>/dev/null)
d2: $(head -n 3 "$TEST_TMP/d2.vrrp" 2>/dev/null)"
    E2E_MASTER=$(e2e_vip_holder)
    E2E_BACKUP=d2
    [[ $E2E_MASTER == d2 ]] && E2E_BACKUP=d1
    e2e_wait_vip "$E2E_MASTER"
}
