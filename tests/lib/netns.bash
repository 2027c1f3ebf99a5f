# Network-namespace test topology: namespaces, veth pairs, bridges and addresses, always torn down when the
# test ends (pass or fail) through testlib's defer. Works on the host (as root) and inside the test VM.
#
#   topo_ns NAME                                   namespace NAME with lo up
#   topo_veth NS1 IF1 ADDR1/LEN NS2 IF2 ADDR2/LEN  veth pair; NS "-" is the current namespace, ADDR "-" none
#   topo_bridge NS BR                              bridge BR (up) inside NS ("-" = current)
#   topo_port NS BR PEER_NS IF ADDR/LEN            veth from bridge BR in NS to interface IF in PEER_NS
#   topo_dummy NS IF ADDR/LEN                      dummy interface with an address
#   in_ns NS CMD...                                run CMD inside NS ("-" = here)

in_ns() {
    local ns=$1; shift
    if [[ "$ns" == - ]]; then "$@"; else ip netns exec "$ns" "$@"; fi
}

topo_ns() {
    local name=$1
    if ip netns list | awk '{print $1}' | grep -qx "$name"; then
        echo "netns: removing stale namespace $name left by an earlier run" >&2
        ip netns pids "$name" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
        ip netns del "$name"
    fi
    ip netns add "$name"
    defer _topo_ns_del "$name"
    ip -n "$name" link set lo up
}

_topo_ns_del() {
    local name=$1
    # Processes still inside would keep the namespace's interfaces alive: end them first.
    ip netns pids "$name" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$name" 2>/dev/null || true
}

# A name for a link that lives in this namespace only until it is moved and renamed: unique because each $(...)
# has its own BASHPID (random names collided now and then).
_topo_tmpname() { echo "lt${BASHPID}x$1"; }

# Moves interface TMP (in the current namespace) into NS as NAME, adds ADDR, brings it up.
_topo_place() {
    local tmp=$1 ns=$2 name=$3 addr=$4
    if [[ "$ns" != - ]]; then
        ip link set "$tmp" netns "$ns"
    fi
    in_ns "$ns" ip link set "$tmp" name "$name"
    [[ "$addr" == - ]] || in_ns "$ns" ip addr add "$addr" dev "$name"
    in_ns "$ns" ip link set "$name" up
}

topo_veth() {
    local ns1=$1 if1=$2 addr1=$3 ns2=$4 if2=$5 addr2=$6
    local t1 t2
    t1=$(_topo_tmpname a); t2=$(_topo_tmpname b)
    ip link add "$t1" type veth peer name "$t2"
    # A veth end left in the current namespace would outlive the test: delete it explicitly.
    [[ "$ns1" == - ]] && defer ip link del "$if1"
    [[ "$ns2" == - ]] && defer ip link del "$if2"
    _topo_place "$t1" "$ns1" "$if1" "$addr1"
    _topo_place "$t2" "$ns2" "$if2" "$addr2"
}

topo_bridge() {
    local ns=$1 br=$2
    in_ns "$ns" ip link add "$br" type bridge
    [[ "$ns" == - ]] && defer ip link del "$br"
    in_ns "$ns" ip link set "$br" up
}

topo_port() {
    local ns=$1 br=$2 peer_ns=$3 ifname=$4 addr=$5
    local t1 t2 port
    t1=$(_topo_tmpname p); t2=$(_topo_tmpname q)
    # numbered, not random: seven ports with random names out of 1000 collided in about one topology in fifty
    _TOPO_PORTS=$((${_TOPO_PORTS:-0} + 1))
    port="${br:0:6}p$_TOPO_PORTS"
    ip link add "$t1" type veth peer name "$t2"
    [[ "$ns" == - ]] && defer ip link del "$port"
    [[ "$peer_ns" == - ]] && defer ip link del "$ifname"
    _topo_place "$t1" "$ns" "$port" -
    in_ns "$ns" ip link set "$port" master "$br"
    _topo_place "$t2" "$peer_ns" "$ifname" "$addr"
}

topo_dummy() {
    local ns=$1 ifname=$2 addr=$3
    in_ns "$ns" ip link add "$ifname" type dummy
    [[ "$ns" == - ]] && defer ip link del "$ifname"
    [[ "$addr" == - ]] || in_ns "$ns" ip addr add "$addr" dev "$ifname"
    in_ns "$ns" ip link set "$ifname" up
}
