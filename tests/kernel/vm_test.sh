# The test VM itself: a real IPVS kernel with the modules the suites rely on.

test_guest_kernel_has_ipvs() {
    [[ -e /proc/net/ip_vs ]] || fail "/proc/net/ip_vs missing: ip_vs is not loaded"
    ipvsadm -A -t 192.0.2.1:80 -s rr
    defer ipvsadm -D -t 192.0.2.1:80
    assert_contains "$(ipvsadm -Ln)" "TCP  192.0.2.1:80 rr"
}

test_every_scheduler_module_is_loaded() {
    local s
    for s in rr wrr lc wlc lblc lblcr dh sh sed nq fo ovf mh; do
        grep -q "^ip_vs_$s " /proc/modules || fail "scheduler module ip_vs_$s is not loaded"
    done
}

test_topology_helper_connects_two_namespaces() {
    topo_ns vmt-a
    topo_ns vmt-b
    topo_veth vmt-a eth0 10.99.0.1/24 vmt-b eth0 10.99.0.2/24
    in_ns vmt-a ping -c1 -W2 10.99.0.2 >/dev/null
}
