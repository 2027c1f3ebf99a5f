# lvsd <-> lvsd VRRP in network namespaces (no IPVS needed). See tests/netns/vrrp-helpers.bash.
source "$REPO/tests/netns/vrrp-helpers.bash"

VIP=10.77.0.100

test_v3_higher_priority_wins_and_kill9_moves_vip_with_garp() {
    two_nodes vl1
    lvsd_conf a.cf eth0 51 150 3 0.1 "$VIP/32 label eth0:vip"
    lvsd_conf b.cf eth0 51 100 3 0.1 "$VIP/32 label eth0:vip"
    vrrp_start vl1-a a a.cf
    vrrp_start vl1-b b b.cf
    wait_for 15 state_is a MASTER
    wait_for 15 state_is b BACKUP
    wait_for 10 has_vip vl1-a $VIP
    lacks_vip vl1-b $VIP || fail "backup holds the VIP too"
    assert_contains "$(ip -n vl1-a -o addr show label eth0:vip)" "inet $VIP/32"
    wait_for 10 counter_at_least b adverts_received 5
    garp_watch vl1-a eth0 a
    node_kill9 a
    wait_for 10 has_vip vl1-b $VIP
    wait_for 10 state_is b MASTER
    wait_for 10 garp_seen a $VIP
    # b's GARP socket is send-only: no packet socket in its namespace takes ARP frames (Proto 0806 in
    # /proc/net/packet, printed in hex), so the kernel queues none of them to a socket nobody reads
    local arp_sockets
    arp_sockets=$(ip netns exec vl1-b awk 'NR > 1 && $4 == "0806"' /proc/net/packet)
    [[ -z $arp_sockets ]] || fail "a packet socket receives ARP in b's namespace: $arp_sockets"
    grep -q . <(ip netns exec vl1-b awk 'NR > 1' /proc/net/packet) || fail "no packet socket in b's namespace at all"
}

test_v2_with_password_fails_over_and_preempts_back() {
    two_nodes vl2
    lvsd_conf a.cf eth0 52 200 2 1 $VIP/32 "authentication=PASS s3cret"
    lvsd_conf b.cf eth0 52 100 2 1 $VIP/32 "authentication=PASS s3cret"
    vrrp_start vl2-b b b.cf
    wait_for 15 state_is b MASTER
    vrrp_start vl2-a a a.cf
    # Preemption: the higher-priority node started later takes over, the other steps down.
    wait_for 15 state_is a MASTER
    wait_for 10 state_is b BACKUP
    wait_for 10 has_vip vl2-a $VIP
    wait_for 10 lacks_vip vl2-b $VIP
    assert_eq 0 "$(counter b drop_auth_failure)" "auth failures with matching passwords"
    node_kill9 a
    wait_for 15 state_is b MASTER
    wait_for 10 has_vip vl2-b $VIP
}

test_wrong_password_is_dropped_and_counted() {
    two_nodes vl3
    lvsd_conf a.cf eth0 53 200 2 1 $VIP/32 "authentication=PASS right"
    lvsd_conf b.cf eth0 53 100 2 1 $VIP/32 "authentication=PASS wrong"
    vrrp_start vl3-a a a.cf
    vrrp_start vl3-b b b.cf
    wait_for 15 counter_at_least b drop_auth_failure 2
    # Neither hears the other, so both end up Master (that is what a password mismatch means).
    wait_for 15 state_is b MASTER
    wait_for 15 state_is a MASTER
}

test_graceful_stop_hands_over_at_once_with_priority_zero() {
    two_nodes vl4
    # advert_int 3 s: Master_Down_Interval is 3 × 3 s + skew ≈ 9.6 s, so a takeover inside 5 s can
    # only come from the priority-0 advert (Skew_Time ≈ 0.6 s).
    lvsd_conf a.cf eth0 54 200 2 3 $VIP/32
    lvsd_conf b.cf eth0 54 100 2 3 $VIP/32
    vrrp_start vl4-a a a.cf
    vrrp_start vl4-b b b.cf
    wait_for 30 state_is a MASTER
    wait_for 10 counter_at_least b adverts_received 1
    node_stop a
    wait_for 5 state_is b MASTER
    assert_eq 1 "$(counter b priority_zero_received)" "priority-0 adverts seen by the backup"
    lacks_vip vl4-a $VIP || fail "stopped node kept the VIP"
    wait_for 5 has_vip vl4-b $VIP
}

test_graceful_stop_keeps_the_vip_until_the_new_master_holds_it() {
    two_nodes vl12
    lvsd_conf a.cf eth0 62 200 2 1 $VIP/32
    lvsd_conf b.cf eth0 62 100 2 1 $VIP/32
    vrrp_start vl12-a a a.cf
    vrrp_start vl12-b b b.cf
    wait_for 30 state_is a MASTER
    wait_for 10 counter_at_least b adverts_received 1
    vip_watch vl12-a a
    vip_watch vl12-b b
    node_stop a
    wait_for 5 has_vip vl12-b $VIP
    lacks_vip vl12-a $VIP || fail "a kept the VIP after it stopped"
    assert_eq 1 "$(counter b priority_zero_received)" "priority-0 adverts seen by the backup"
    # a removes the VIP when b's first advert as Master arrives, which b sends after adding it
    assert_vip_always_held a b
}

test_graceful_stop_without_a_backup_keeps_the_vip_for_master_down_interval() {
    two_nodes vl13
    # v2, advert_int 1, priority 200: Master_Down_Interval = 3 s + (256-200)/256 s
    lvsd_conf a.cf eth0 63 200 2 1 $VIP/32
    vrrp_start vl13-a a a.cf
    wait_for 30 state_is a MASTER
    wait_for 10 has_vip vl13-a $VIP
    vip_watch vl13-a a
    local asked
    asked=$(date +%s.%6N)
    node_stop a
    lacks_vip vl13-a $VIP || fail "a kept the VIP after it stopped"
    local deleted
    deleted=$(vip_event_at a deleted $VIP)
    [[ -n $deleted ]] || fail "no delete seen: $(cat a.addr)"
    # a lower bound only: the deadline runs on lvsd's monotonic clock, so a slow machine cannot break it
    awk -v s="$asked" -v d="$deleted" 'BEGIN { exit !(d - s >= 3.2) }' ||
        fail "the VIP went $(awk -v s="$asked" -v d="$deleted" 'BEGIN { print d - s }') s after SIGTERM, before Master_Down_Interval"
}

test_nopreempt_keeps_the_running_master() {
    two_nodes vl5
    lvsd_conf a.cf eth0 55 200 3 0.1 $VIP/32 nopreempt
    lvsd_conf b.cf eth0 55 100 3 0.1 $VIP/32
    vrrp_start vl5-b b b.cf
    wait_for 15 state_is b MASTER
    vrrp_start vl5-a a a.cf
    # 30 adverts = 3 s, about eight Master_Down_Intervals of a: a preempting node would have taken over.
    wait_for 60 counter_at_least a adverts_received 30
    state_is a BACKUP || fail "nopreempt node took over: $(head -1 "$TEST_TMP/a.status")"
    state_is b MASTER || fail "running master was displaced"
}

test_preempt_delay_postpones_takeover() {
    two_nodes vl6
    lvsd_conf a.cf eth0 56 200 3 0.1 $VIP/32 preempt_delay=2
    lvsd_conf b.cf eth0 56 100 3 0.1 $VIP/32
    vrrp_start vl6-b b b.cf
    wait_for 15 state_is b MASTER
    vrrp_start vl6-a a a.cf
    wait_for 60 state_is a MASTER
    # lvsd's own log timestamps (one process, one clock): load only stretches them, so a lower bound on the
    # time a spent as backup is robust. Without the delay a takes over ~0.35 s after entering BACKUP.
    local held
    held=$(awk '/VI_1: INIT -> BACKUP/ {b = $1} /VI_1: BACKUP -> MASTER/ {m = $1}
        function secs(t) { split(substr(t, 12, 12), p, ":"); return p[1] * 3600 + p[2] * 60 + p[3] }
        END { if (b == "" || m == "") print "missing"; else printf "%.2f", secs(m) - secs(b) }' a.log)
    [[ $held != missing ]] || fail "a's log lacks its transitions: $(head -5 a.log)"
    awk -v h="$held" 'BEGIN {exit !(h >= 1.5)}' ||
        fail "a took over ${held}s after entering BACKUP; preempt_delay=2 must hold it back ~2 s"
    wait_for 10 state_is b BACKUP
}

test_failing_track_script_lowers_priority_and_moves_vip() {
    two_nodes vl7
    touch "$TEST_TMP/healthy"
    {
        echo "vrrp_script=chk"
        echo "    script=test -f $TEST_TMP/healthy"
        echo "    interval=0.2"
        echo "    weight=-60"
    } >a.cf
    lvsd_conf a.body eth0 57 150 3 0.1 $VIP/32 track_script=chk
    cat a.body >>a.cf
    lvsd_conf b.cf eth0 57 120 3 0.1 $VIP/32
    vrrp_start vl7-a a a.cf
    vrrp_start vl7-b b b.cf
    wait_for 15 state_is a MASTER
    wait_for 10 has_vip vl7-a $VIP
    rm "$TEST_TMP/healthy"
    # 150 - 60 = 90 < 120: b preempts the weakened master.
    wait_for 15 state_is b MASTER
    wait_for 10 has_vip vl7-b $VIP
    wait_for 10 lacks_vip vl7-a $VIP
    # the status file is rewritten every 100 ms: wait for it to show what the log already says
    wait_for 10 grep -q "^instance VI_1 state BACKUP priority 90 " a.status
    touch "$TEST_TMP/healthy"
    wait_for 15 state_is a MASTER
}

test_track_virtual_without_healthy_reals_hands_over_the_vip() {
    two_nodes vl8
    echo "web up" >health
    lvsd_conf a.cf eth0 58 150 3 0.1 $VIP/32 "track_virtual=web weight -100"
    web_virtual a.cf
    lvsd_conf b.cf eth0 58 100 3 0.1 $VIP/32
    vrrp_start_engine_only vl8-a a a.cf --virtual-health "$TEST_TMP/health"
    vrrp_start vl8-b b b.cf
    wait_for 15 state_is a MASTER
    echo "web down" >health.new && mv health.new health
    wait_for 15 state_is b MASTER
    wait_for 10 has_vip vl8-b $VIP
    echo "web up" >health.new && mv health.new health
    wait_for 15 state_is a MASTER
}

test_weight_zero_tracker_puts_instance_in_fault() {
    two_nodes vl9
    echo "web up" >health
    lvsd_conf a.cf eth0 59 150 3 0.1 $VIP/32 "track_virtual=web"
    web_virtual a.cf
    lvsd_conf b.cf eth0 59 100 3 0.1 $VIP/32
    vrrp_start_engine_only vl9-a a a.cf --virtual-health "$TEST_TMP/health"
    vrrp_start vl9-b b b.cf
    wait_for 15 state_is a MASTER
    echo "web down" >health.new && mv health.new health
    wait_for 10 state_is a FAULT
    wait_for 10 state_is b MASTER
    # A Master entering FAULT resigns with priority 0.
    assert_eq 1 "$(counter b priority_zero_received)" "priority-0 adverts seen by b"
}

test_unicast_peers_without_multicast() {
    two_nodes vla
    lvsd_conf a.cf eth0 60 150 3 0.1 $VIP/32 unicast_src_ip=10.77.0.1 unicast_peer=10.77.0.2
    lvsd_conf b.cf eth0 60 100 3 0.1 $VIP/32 unicast_src_ip=10.77.0.2 unicast_peer=10.77.0.1
    vrrp_start vla-a a a.cf
    vrrp_start vla-b b b.cf
    wait_for 15 state_is a MASTER
    wait_for 10 counter_at_least b adverts_received 5
    state_is b BACKUP || fail "b: $(head -1 b.status)"
    assert_eq 0 "$(counter b drop_wrong_destination)" "multicast adverts on a unicast instance"
    node_kill9 a
    wait_for 10 state_is b MASTER
    wait_for 10 has_vip vla-b $VIP
}

test_split_brain_heals_and_the_winner_resends_garp() {
    topo_ns vlb-sw
    topo_bridge vlb-sw br0
    topo_ns vlb-a
    topo_ns vlb-b
    topo_ns vlb-o
    # Explicit port names so the test can cut one node off the bridge (carrier stays up on its side).
    ip link add pa netns vlb-sw type veth peer name eth0 netns vlb-a
    ip link add pb netns vlb-sw type veth peer name eth0 netns vlb-b
    ip link add po netns vlb-sw type veth peer name eth0 netns vlb-o
    local n
    for n in a b o; do
        ip -n vlb-sw link set "p$n" master br0 up
        ip -n "vlb-$n" link set eth0 up
    done
    ip -n vlb-a addr add 10.77.0.1/24 dev eth0
    ip -n vlb-b addr add 10.77.0.2/24 dev eth0
    ip -n vlb-o addr add 10.77.0.9/24 dev eth0
    # No delayed second burst: any GARP from a after the heal is the re-announcement under test.
    lvsd_conf a.cf eth0 61 150 3 0.1 $VIP/32 garp_master_delay=0
    lvsd_conf b.cf eth0 61 100 3 0.1 $VIP/32 garp_master_delay=0
    vrrp_start vlb-a a a.cf
    vrrp_start vlb-b b b.cf
    wait_for 15 state_is a MASTER
    wait_for 10 state_is b BACKUP
    ip -n vlb-sw link set pa nomaster
    wait_for 10 state_is b MASTER
    state_is a MASTER || fail "a left MASTER while cut off"
    garp_watch vlb-o eth0 o
    ip -n vlb-sw link set pa master br0
    wait_for 10 state_is b BACKUP
    wait_for 10 lacks_vip vlb-b $VIP
    state_is a MASTER || fail "a: $(head -1 a.status)"
    # The winner re-announced the VIP after seeing the lower-priority master.
    wait_for 10 garp_seen o $VIP "$(mac_of vlb-a eth0)"
}

# inst_state NAME INSTANCE STATE
inst_state() {
    grep -q "^instance $2 state $3 " "$TEST_TMP/$1.status" 2>/dev/null
}

test_sync_group_members_fail_over_together() {
    two_nodes vls
    topo_veth vls-a eth1 10.78.0.1/24 vls-b eth1 10.78.0.2/24
    echo "web up" >health
    local node prio
    for node in a b; do
        prio=$([[ $node == a ]] && echo 150 || echo 100)
        {
            echo "vrrp_instance=VI_1"
            echo "    interface=eth0"
            echo "    virtual_router_id=62"
            echo "    priority=$prio"
            echo "    version=3"
            echo "    advert_int=0.1"
            echo "    virtual_ipaddress=$VIP/32"
            [[ $node == a ]] && echo "    track_virtual=web"
            echo "vrrp_instance=VI_2"
            echo "    interface=eth1"
            echo "    virtual_router_id=63"
            echo "    priority=$prio"
            echo "    version=3"
            echo "    advert_int=0.1"
            echo "    virtual_ipaddress=10.78.0.100/32"
            echo "vrrp_sync_group=G"
            echo "    group=VI_1 VI_2"
        } >$node.cf
        if [[ $node == a ]]; then web_virtual $node.cf; fi
    done
    vrrp_start_engine_only vls-a a a.cf --virtual-health "$TEST_TMP/health"
    vrrp_start vls-b b b.cf
    wait_for 15 inst_state a VI_1 MASTER
    wait_for 15 inst_state a VI_2 MASTER
    wait_for 10 has_vip vls-a 10.78.0.100
    # Only VI_1 tracks the virtual; the group takes VI_2 along.
    echo "web down" >health.new && mv health.new health
    wait_for 10 inst_state a VI_1 FAULT
    wait_for 10 inst_state a VI_2 FAULT
    wait_for 10 has_vip vls-b $VIP
    wait_for 10 has_vip vls-b 10.78.0.100
    lacks_vip vls-a 10.78.0.100 || fail "VI_2's VIP stayed on the faulted node"
}

test_an_interface_created_after_start_is_picked_up() {
    two_nodes vlc
    lvsd_conf a.cf eth1 64 150 3 0.1 10.78.0.100/32
    vrrp_start vlc-a a a.cf
    wait_for 10 grep -q "^instance VI_1 state FAULT .* fault yes" a.status
    grep -q "eth1" a.log || fail "the log does not name the missing interface"
    topo_veth vlc-a eth1 10.78.0.1/24 vlc-b eth1 10.78.0.2/24
    wait_for 15 state_is a MASTER
    wait_for 10 has_vip vlc-a 10.78.0.100
}
