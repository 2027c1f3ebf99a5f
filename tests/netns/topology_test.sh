# The namespace topology helper on the host: what it creates works, and it leaves nothing behind.

test_veth_pair_connects_namespaces() {
    topo_ns tp-a
    topo_ns tp-b
    topo_veth tp-a eth0 10.98.0.1/24 tp-b eth0 10.98.0.2/24
    in_ns tp-a ping -c1 -W2 10.98.0.2 >/dev/null
}

test_bridge_joins_three_namespaces() {
    topo_ns tp-sw
    topo_bridge tp-sw br0
    local n
    for n in 1 2 3; do
        topo_ns "tp-h$n"
        topo_port tp-sw br0 "tp-h$n" eth0 "10.97.0.$n/24"
    done
    in_ns tp-h1 ping -c1 -W2 10.97.0.3 >/dev/null
    in_ns tp-h3 ping -c1 -W2 10.97.0.2 >/dev/null
}

test_teardown_removes_namespaces_even_after_failure() {
    # A child test fails on purpose after creating a namespace; its namespace must be gone afterwards.
    local status=0
    bash -euo pipefail -c 'source "$REPO/tests/lib/testlib.bash"; source "$REPO/tests/lib/netns.bash"
        topo_ns tp-doomed; topo_veth tp-doomed eth0 10.96.0.1/24 - tpdoom0 10.96.0.2/24; false' || status=$?
    assert_ne 0 "$status" "exit status of the failing child"
    if ip netns list | grep -qw tp-doomed; then fail "namespace tp-doomed was left behind"; fi
    if ip link show tpdoom0 >/dev/null 2>&1; then fail "veth tpdoom0 was left behind"; fi
}
