# lvsd <-> Debian's keepalived (VRRP only) in one VRRP group, both roles, v2 and v3, multicast and unicast;
# and lvsd's adverts compared byte for byte with keepalived's. See tests/netns/vrrp-helpers.bash.
source "$REPO/tests/netns/vrrp-helpers.bash"

VIP=10.77.0.100

test_v3_keepalived_master_fails_over_to_lvsd_and_preempts_back() {
    two_nodes vk1
    ka_conf ka.conf eth0 71 150 3 0.1 $VIP/32
    lvsd_conf b.cf eth0 71 100 3 0.1 $VIP/32
    ka_start vk1-a ka ka.conf
    wait_for 15 has_vip vk1-a $VIP
    vrrp_start vk1-b b b.cf
    wait_for 10 counter_at_least b adverts_received 5
    state_is b BACKUP || fail "lvsd: $(head -1 b.status)"
    lacks_vip vk1-b $VIP || fail "lvsd backup holds the VIP"
    garp_watch vk1-a eth0 a
    node_kill9 ka
    wait_for 10 state_is b MASTER
    wait_for 10 has_vip vk1-b $VIP
    wait_for 10 garp_seen a $VIP "$(mac_of vk1-b eth0)"
    ka_start vk1-a ka ka.conf
    wait_for 15 state_is b BACKUP
    wait_for 10 has_vip vk1-a $VIP
    wait_for 10 lacks_vip vk1-b $VIP
}

test_v3_lvsd_master_fails_over_to_keepalived_and_hands_over_gracefully() {
    two_nodes vk2
    lvsd_conf a.cf eth0 72 150 3 0.1 $VIP/32
    ka_conf kb.conf eth0 72 100 3 0.1 $VIP/32
    vrrp_start vk2-a a a.cf
    wait_for 15 state_is a MASTER
    ka_start vk2-b kb kb.conf
    wait_for 10 grep -q "Entering BACKUP STATE" kb.log
    garp_watch vk2-a eth0 a
    node_kill9 a
    wait_for 10 has_vip vk2-b $VIP
    wait_for 10 garp_seen a $VIP "$(mac_of vk2-b eth0)"
    # lvsd comes back with the higher priority and preempts keepalived.
    vrrp_start vk2-a a a.cf
    wait_for 15 state_is a MASTER
    wait_for 10 lacks_vip vk2-b $VIP
    wait_for 10 has_vip vk2-a $VIP
    vip_watch vk2-a a
    vip_watch vk2-b kb
    node_stop a
    wait_for 10 grep -q "received priority 0 advertisement" kb.log
    wait_for 5 has_vip vk2-b $VIP
    # lvsd kept the VIP until keepalived's first advert as Master (keepalived adds its VIPs before that advert)
    assert_vip_always_held a kb
}

test_v2_password_keepalived_and_lvsd_fail_over_both_ways() {
    two_nodes vk3
    ka_conf ka.conf eth0 73 100 2 1 $VIP/32 "authentication {" "    auth_type PASS" "    auth_pass s3cret" "}"
    lvsd_conf b.cf eth0 73 150 2 1 $VIP/32 "authentication=PASS s3cret"
    ka_start vk3-a ka ka.conf
    wait_for 15 has_vip vk3-a $VIP
    vrrp_start vk3-b b b.cf
    # lvsd has the higher priority: it preempts keepalived.
    wait_for 15 state_is b MASTER
    wait_for 10 lacks_vip vk3-a $VIP
    assert_eq 0 "$(counter b drop_auth_failure)" "password mismatches"
    assert_eq 0 "$(counter b drop_address_list)" "address list mismatches"
    node_kill9 b
    wait_for 15 has_vip vk3-a $VIP
    vrrp_start vk3-b b b.cf
    wait_for 15 state_is b MASTER
    node_stop b
    wait_for 10 grep -q "received priority 0 advertisement" ka.log
    wait_for 5 has_vip vk3-a $VIP
}

test_v3_unicast_peers_with_keepalived() {
    two_nodes vk4
    ka_conf ka.conf eth0 74 150 3 0.1 $VIP/32 "unicast_src_ip 10.77.0.1" "unicast_peer {" "    10.77.0.2" "}"
    lvsd_conf b.cf eth0 74 100 3 0.1 $VIP/32 unicast_src_ip=10.77.0.2 unicast_peer=10.77.0.1
    ka_start vk4-a ka ka.conf
    wait_for 15 has_vip vk4-a $VIP
    vrrp_start vk4-b b b.cf
    wait_for 10 counter_at_least b adverts_received 5
    state_is b BACKUP || fail "lvsd: $(head -1 b.status)"
    assert_eq 0 "$(counter b drops_total)" "drops on the unicast instance"
    node_kill9 ka
    wait_for 10 state_is b MASTER
    wait_for 10 has_vip vk4-b $VIP
}

# wire_hex NS: hex of the first VRRP packet seen on eth0 in NS (IP header included).
wire_capture() {
    ip netns exec "$1" tcpdump -l -c 1 -x -n -i eth0 ip proto 112 >"$2" 2>"$2.err" &
    echo $! >"$2.pid"
    wait_for 10 grep -q "listening on" "$2.err"
}

wire_hex() {
    wait_for 15 grep -q "0x00" "$1"
    awk '/^\t0x/ {for (i = 2; i <= NF; i++) printf "%s", $i}' "$1"
}

# The §10 fixtures of docs: VRID 51, priority 100, VIP 192.168.200.16, sender 192.168.200.2.
wire_compare() {
    local version=$1 advert=$2 expected_vrrp=$3 ns=$4
    topo_ns "$ns-a"
    topo_ns "$ns-b"
    topo_veth "$ns-a" eth0 192.168.200.2/24 "$ns-b" eth0 192.168.200.9/24
    ka_conf ka.conf eth0 51 100 "$version" "$advert" 192.168.200.16
    lvsd_conf a.cf eth0 51 100 "$version" "$advert" 192.168.200.16
    wire_capture "$ns-b" ka.hex
    ka_start "$ns-a" ka ka.conf
    local ka lv
    ka=$(wire_hex ka.hex)
    node_kill9 ka
    ip -n "$ns-a" addr del 192.168.200.16/32 dev eth0 2>/dev/null || true
    wire_capture "$ns-b" lv.hex
    vrrp_start "$ns-a" a a.cf
    lv=$(wire_hex lv.hex)
    # Bytes 4-5 (IP ID) and 10-11 (IP header checksum) are the kernel's choice; all else must match.
    assert_eq "${ka:0:8}${ka:12:8}${ka:24}" "${lv:0:8}${lv:12:8}${lv:24}" "lvsd's packet vs keepalived's"
    assert_eq "$expected_vrrp" "${ka:40}" "keepalived's VRRP bytes vs the unit-test fixture"
}

test_v2_advert_bytes_equal_keepalived_and_the_fixture() {
    wire_compare 2 1 "213364010001f210c0a8c8100000000000000000" vkw2
}

test_v3_advert_bytes_equal_keepalived_and_the_fixture() {
    wire_compare 3 1 "3133640100647873c0a8c810" vkw3
}

test_lvsd_nopreempt_leaves_the_keepalived_master_alone() {
    two_nodes vk5
    ka_conf ka.conf eth0 75 100 3 0.1 $VIP/32
    lvsd_conf b.cf eth0 75 200 3 0.1 $VIP/32 nopreempt
    ka_start vk5-a ka ka.conf
    wait_for 15 has_vip vk5-a $VIP
    vrrp_start vk5-b b b.cf
    # 30 adverts = 3 s, about eight Master_Down_Intervals: a preempting node would have taken over.
    wait_for 20 counter_at_least b adverts_received 30
    state_is b BACKUP || fail "nopreempt lvsd took over: $(head -1 b.status)"
    has_vip vk5-a $VIP || fail "keepalived lost the VIP"
}

test_keepalived_nopreempt_leaves_the_lvsd_master_alone() {
    two_nodes vk6
    lvsd_conf a.cf eth0 76 100 3 0.1 $VIP/32
    ka_conf kb.conf eth0 76 200 3 0.1 $VIP/32 nopreempt
    vrrp_start vk6-a a a.cf
    wait_for 15 state_is a MASTER
    ka_start vk6-b kb kb.conf
    wait_for 10 grep -q "Entering BACKUP STATE" kb.log
    local sent
    sent=$(counter a adverts_sent)
    wait_for 20 counter_at_least a adverts_sent $((sent + 30))
    state_is a MASTER || fail "lvsd was displaced: $(head -1 a.status)"
    assert_eq 0 "$(counter a left_master)" "times lvsd left MASTER"
    if grep -q "Entering MASTER STATE" kb.log; then fail "keepalived (nopreempt) became master"; fi
}

test_keepalived_preempt_delay_postpones_its_takeover_from_lvsd() {
    two_nodes vk7
    lvsd_conf a.cf eth0 77 100 3 0.1 $VIP/32
    ka_conf kb.conf eth0 77 200 3 0.1 $VIP/32 "preempt_delay 2"
    vrrp_start vk7-a a a.cf
    wait_for 15 state_is a MASTER
    ka_start vk7-b kb kb.conf
    wait_for 10 grep -q "Entering BACKUP STATE" kb.log
    local sent
    sent=$(counter a adverts_sent)
    wait_for 20 state_is a BACKUP
    local during=$(( $(counter a adverts_sent) - sent ))
    # 2 s at 0.1 s is ~20 adverts; without the delay keepalived takes over after ~3.
    ((during >= 15)) || fail "keepalived took over after only $during lvsd adverts"
    wait_for 10 has_vip vk7-b $VIP
}

test_failing_lvsd_track_script_hands_the_vip_to_keepalived() {
    two_nodes vk8
    touch "$TEST_TMP/healthy"
    {
        echo "vrrp_script=chk"
        echo "    script=test -f $TEST_TMP/healthy"
        echo "    interval=0.2"
        echo "    weight=-60"
    } >a.cf
    lvsd_conf a.body eth0 78 150 3 0.1 $VIP/32 track_script=chk
    cat a.body >>a.cf
    ka_conf kb.conf eth0 78 120 3 0.1 $VIP/32
    vrrp_start vk8-a a a.cf
    wait_for 15 state_is a MASTER
    ka_start vk8-b kb kb.conf
    wait_for 10 grep -q "Entering BACKUP STATE" kb.log
    rm "$TEST_TMP/healthy"
    # 150 - 60 = 90 < 120: keepalived preempts the weakened lvsd.
    wait_for 15 has_vip vk8-b $VIP
    wait_for 10 state_is a BACKUP
    wait_for 10 lacks_vip vk8-a $VIP
    touch "$TEST_TMP/healthy"
    wait_for 15 state_is a MASTER
    wait_for 10 lacks_vip vk8-b $VIP
}

test_v2_keepalived_master_killed_then_stopped_lvsd_takes_over() {
    two_nodes vk9
    ka_conf ka.conf eth0 79 150 2 1 $VIP/32
    lvsd_conf b.cf eth0 79 100 2 1 $VIP/32
    ka_start vk9-a ka ka.conf
    wait_for 15 has_vip vk9-a $VIP
    vrrp_start vk9-b b b.cf
    wait_for 15 counter_at_least b adverts_received 2
    state_is b BACKUP || fail "lvsd: $(head -1 b.status)"
    garp_watch vk9-a eth0 a
    node_kill9 ka
    wait_for 15 state_is b MASTER
    wait_for 10 has_vip vk9-b $VIP
    wait_for 10 garp_seen a $VIP "$(mac_of vk9-b eth0)"
    # keepalived returns, preempts, then stops gracefully: lvsd takes over on its priority-0 advert.
    ip -n vk9-a addr del $VIP/32 dev eth0 2>/dev/null || true
    ka_start vk9-a ka ka.conf
    wait_for 15 state_is b BACKUP
    wait_for 10 has_vip vk9-a $VIP
    node_stop ka
    wait_for 5 state_is b MASTER
    assert_eq 1 "$(counter b priority_zero_received)" "priority-0 adverts from keepalived"
}
