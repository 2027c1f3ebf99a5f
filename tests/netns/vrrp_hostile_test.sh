# Hostile input: bad TTL, checksum, password, VRID, truncated, random and bit-flipped packets are dropped and
# counted, and the master keeps running. See tests/netns/vrrp-helpers.bash and vrrp-fuzz.py.
source "$REPO/tests/netns/vrrp-helpers.bash"

VIP=10.77.0.100

test_fuzzed_packets_are_dropped_counted_and_the_master_keeps_advertising() {
    two_nodes vh1
    lvsd_conf a.cf eth0 80 200 2 1 $VIP/32 "authentication=PASS s3cret"
    vrrp_start vh1-a a a.cf
    wait_for 15 state_is a MASTER
    local sent_before
    sent_before=$(counter a adverts_sent)
    in_ns vh1-b python3 "$REPO/tests/netns/vrrp-fuzz.py" eth0 10.77.0.2 80 s3cret 7000 42 >fuzz.out
    cat fuzz.out
    # 1000 of each kind were sent; a few may be lost in the socket queue, none may go uncounted.
    wait_for 10 counter_at_least a drop_bad_ttl 950
    wait_for 10 counter_at_least a drop_auth_failure 950
    wait_for 10 counter_at_least a drop_unknown_vrid 950 iface:eth0
    # Truncated, random and bit-flipped packets fail the checksum, length, version or type checks.
    wait_for 10 counter_at_least a drop_bad_checksum 1000 iface:eth0
    wait_for 10 counter_at_least a drop_truncated 500 iface:eth0
    local total
    total=$(( $(counter a drops_total) + $(counter a drops_total iface:eth0) ))
    ((total >= 6500)) || fail "only $total of 7000 hostile packets were counted as dropped"
    # Still alive and still the master: it keeps advertising after the storm.
    kill -0 "$(cat a.pid)" || fail "lvsd died"
    wait_for 10 counter_at_least a adverts_sent $((sent_before + 3))
    wait_for 10 state_is a MASTER
    grep -q "Exception\|ERROR" a.log && fail "errors in the log: $(grep -m3 'Exception\|ERROR' a.log)"
    true
}

test_multicast_advert_with_ttl_below_255_is_ignored_by_a_backup() {
    # A valid, higher-priority advert that was routed (TTL 254) must not make the master step down.
    two_nodes vh2
    lvsd_conf a.cf eth0 81 100 3 0.1 $VIP/32
    vrrp_start vh2-a a a.cf
    wait_for 15 state_is a MASTER
    in_ns vh2-b python3 - 10.77.0.2 <<'PY'
import socket, struct, sys
src = sys.argv[1]
def csum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF
body = struct.pack("!BBBBHH4s", 0x31, 81, 254, 1, 10, 0, socket.inet_aton("10.77.0.100"))
pseudo = socket.inet_aton(src) + socket.inet_aton("224.0.0.18") + struct.pack("!BBH", 0, 112, len(body))
body = body[:6] + struct.pack("!H", csum(pseudo + body)) + body[8:]
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b"eth0")
for ttl in (254, 1, 128):
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0xC0, 20 + len(body), 0, 0, ttl, 112, 0,
                      socket.inet_aton(src), socket.inet_aton("224.0.0.18"))
    for _ in range(20):
        s.sendto(hdr + body, ("224.0.0.18", 0))
PY
    wait_for 10 counter_at_least a drop_bad_ttl 60
    state_is a MASTER || fail "a routed advert displaced the master: $(head -1 a.status)"
    assert_eq 0 "$(counter a left_master)" "times a left MASTER"
}
