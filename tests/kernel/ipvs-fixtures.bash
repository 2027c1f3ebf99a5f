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

# A table with every kind of service, forwarding method, scheduler and option ipvsadm can set,
# written as ipvsadm-restore lines (so both tools can load it).
ipvs_rich_rules() {
    cat <<'RULES'
-A -t 192.168.1.1:80 -s wrr
-a -t 192.168.1.1:80 -r 10.0.0.2:80 -g -w 1
-a -t 192.168.1.1:80 -r 10.0.0.3:8080 -m -w 5 -x 100 -y 10
-a -t 192.168.1.1:80 -r 10.0.0.4:80 -i -w 0
-a -t 192.168.1.1:80 -r 127.0.0.1:80 -g -w 2
-A -t 192.168.1.1:443 -s wlc -p 300 -M 255.255.255.0
-a -t 192.168.1.1:443 -r 10.0.0.2:443 -g -w 3
-A -t 192.168.1.5:0 -s none -p 360
-A -t 192.168.1.6:22 -s fo
-A -t 192.168.1.7:22 -s ovf
-A -t 192.168.1.8:22 -s lc
-A -t 192.168.1.9:22 -s lblc
-A -t 192.168.1.10:22 -s lblcr
-A -t 192.168.1.11:22 -s dh
-A -t 192.168.1.12:22 -s nq
-A -t 192.168.1.13:22 -s rr
-A -u 192.168.1.2:53 -s rr -o
-a -u 192.168.1.2:53 -r 10.0.0.5:5353 -m -w 7
-A -u 192.168.1.4:5060 -s sh -p 100 -M 255.255.0.0 --pe sip -o -b sh-port
-A -u 192.168.1.14:5060 -s rr -p 10 -o
-A --sctp-service 192.168.1.3:3868 -s sed
-a --sctp-service 192.168.1.3:3868 -r 10.0.0.6:3868 -m -w 1
-A -t [2001:db8::1]:80 -s lc -p 60 -M 64
-a -t [2001:db8::1]:80 -r [2001:db8::2]:80 -m -w 1
-a -t [2001:db8::1]:80 -r [2001:db8::3]:8080 -m -w 9 -x 7 -y 3
-A -u [2001:db8::1]:53 -s wrr
-A -t [2001:db8:aaaa:bbbb:cccc:dddd:eeee:1]:65535 -s wlc
-a -t [2001:db8:aaaa:bbbb:cccc:dddd:eeee:1]:65535 -r [2001:db8:aaaa:bbbb:cccc:dddd:eeee:2]:65535 -m -w 65535
-A -f 10 -s sh -b sh-fallback,sh-port
-a -f 10 -r 10.0.0.5:0 -g -w 1
-A -f 11 -6 -s mh -p 360 -b mh-port
-a -f 11 -6 -r [2001:db8::2]:0 -g -w 1
-A -f 12 -s rr -p 20 -M 255.255.255.128
-A -f 13 -6 -s mh -p 20 -M 96 -b mh-fallback
-A -f 4294967295 -s wlc
RULES
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
    wait_for 20 in_ns lvsd_rs bash -c 'exec 3<>/dev/tcp/10.10.0.2/8080'
    ipvsadm -A -t 10.20.0.1:80 -s rr
    ipvsadm -a -t 10.20.0.1:80 -r 10.10.0.2:8080 -m -w 1
    for ((i = 0; i < n; i++)); do
        reply=$(in_ns lvsd_cl timeout 10 bash -c 'exec 3<>/dev/tcp/10.20.0.1/80; cat <&3')
        assert_eq hello-from-rs "$reply" "reply through the NAT service"
    done
}
