# Shared by the ipvs_*.sh kernel suites (not a suite itself: no test_ functions here).

# An interface whose subnets route the real servers' addresses (IPVS rejects a destination without a route).
ipvs_dummy() {
    ip link add lvsd0 type dummy
    defer ip link del lvsd0
    ip link set lvsd0 up
    ip addr add 10.0.0.254/24 dev lvsd0
    ip addr add 2001:db8::fe/64 dev lvsd0
    ip addr add 2001:db8:aaaa:bbbb:cccc:dddd:eeee:fe/64 dev lvsd0
    ipvsadm -C
    defer ipvsadm -C
}

# A table with every kind of service, forwarding method, scheduler and option ipvsadm can set, as
# ipvsadm-restore lines (both tools load it): tests/kernel/ipvs-rich.rules.
ipvs_rich_rules() {
    cat "$REPO/tests/kernel/ipvs-rich.rules"
}

# The same table built by ipvsadm itself, one command per rule.
ipvs_rich_table_with_ipvsadm() {
    local line
    while IFS= read -r line; do
        # shellcheck disable=SC2086
        ipvsadm $line || fail "ipvsadm $line failed"
    done < <(ipvs_rich_rules)
}

# A NAT service 10.20.0.1:80 -> real server 10.10.0.2:8080 in namespace lvsd_rs, client in lvsd_cl;
# sends N requests through it so the counters are non-zero.
ipvs_nat_traffic() {
    local n=${1:-5} i reply
    topo_ns lvsd_rs
    topo_ns lvsd_cl
    topo_veth - lvsd_vh 10.10.0.1/24 lvsd_rs vr 10.10.0.2/24
    topo_veth - lvsd_vc 10.20.0.1/24 lvsd_cl vc 10.20.0.2/24
    in_ns lvsd_rs ip route add default via 10.10.0.1
    in_ns lvsd_cl ip route add default via 10.20.0.1
    sysctl -qw net.ipv4.ip_forward=1
    in_ns lvsd_rs socat TCP-LISTEN:8080,bind=10.10.0.2,fork,reuseaddr SYSTEM:'echo hello-from-rs' &
    defer kill $!
    wait_for 60 in_ns lvsd_rs bash -c 'exec 3<>/dev/tcp/10.10.0.2/8080'
    ipvsadm -A -t 10.20.0.1:80 -s rr
    ipvsadm -a -t 10.20.0.1:80 -r 10.10.0.2:8080 -m -w 1
    for ((i = 0; i < n; i++)); do
        reply=$(in_ns lvsd_cl timeout 60 bash -c 'exec 3<>/dev/tcp/10.20.0.1/80; cat <&3') ||
            fail "request $((i + 1)) through the NAT service 10.20.0.1:80 failed: $(ipvsadm -Lnc 2>&1)"
        assert_eq hello-from-rs "$reply" "reply through the NAT service"
    done
}
