# Real servers for the end-to-end health suites (sourced by tests/kernel/health_e2e_test.sh and
# tests/bench/detection-latency.sh): one namespace `e2e_rs` joined to the director (the current namespace)
# by a veth, with one address per real server; each server is a socat listener that runs
# tests/kernel/health-conn.bash per connection. A server answers each request with the next verdict of its
# queue file (ok = HTTP 200 "ok", fail = HTTP 500, hang = accept and never answer), else with its default
# verdict, and logs every verdict it gave, so a test can count checks and make a server fail for exactly N
# checks without relying on timing.

HS_NS=e2e_rs
HS_NET=10.30.0

# hs_topology: the namespace, the link (director 10.30.0.1/24) and the real servers' addresses .2 .. .9.
hs_topology() {
    topo_ns "$HS_NS"
    topo_veth - e2e_dir "$HS_NET.1/24" "$HS_NS" e2e_rs0 "$HS_NET.2/24"
    local i
    for i in 3 4 5 6 7 8 9; do ip -n "$HS_NS" addr add "$HS_NET.$i/24" dev e2e_rs0; done
    ipvsadm -C
    defer ipvsadm -C
}

# hs_dir IP: the state directory of the server on IP (queue, default, log).
hs_dir() {
    echo "$TEST_TMP/srv-$1"
}

# hs_start IP [DEFAULT]: starts the server on IP:80 (default verdict ok) and waits until it accepts.
hs_start() {
    local ip=$1 dir
    dir=$(hs_dir "$ip")
    mkdir -p "$dir"
    echo "${2:-ok}" >"$dir/default"
    touch "$dir/queue" "$dir/log"
    # ip netns exec execs socat, so $! is socat's own pid
    ip netns exec "$HS_NS" socat "TCP-LISTEN:80,bind=$ip,fork,reuseaddr" \
        "EXEC:bash $REPO/tests/kernel/health-conn.bash $dir" 2>>"$dir/socat.err" &
    echo $! >"$dir/pid"
    defer kill -KILL $!
    wait_for 60 ip netns exec "$HS_NS" bash -c "exec 3<>/dev/tcp/$ip/80"
}

# hs_stop IP: kills the listener: the next connect to IP:80 is refused.
hs_stop() {
    local dir pid
    dir=$(hs_dir "$1")
    pid=$(<"$dir/pid")
    kill -KILL "$pid" 2>/dev/null || true
    # reaps it (so the port is closed) without bash's "Killed" job notice
    wait "$pid" 2>/dev/null || true
}

# hs_default IP VERDICT: the verdict for every request once the queue is empty.
hs_default() {
    echo "$2" >"$(hs_dir "$1")/default.new"
    mv -f "$(hs_dir "$1")/default.new" "$(hs_dir "$1")/default"
}

# hs_queue IP VERDICT...: verdicts for the next requests, in order.
hs_queue() {
    local dir
    dir=$(hs_dir "$1"); shift
    # under the lock the server takes to pop a verdict
    (
        flock 9
        printf '%s\n' "$@" >"$dir/queue"
    ) 9>>"$dir/lock"
}

# hs_count IP [VERDICT]: how many requests the server answered (with VERDICT).
hs_count() {
    local log
    log=$(hs_dir "$1")/log
    if [[ -n ${2:-} ]]; then
        grep -c "^$2\$" "$log" || true
    else
        wc -l <"$log"
    fi
}

# hs_count_at_least IP N [VERDICT]
hs_count_at_least() {
    (($(hs_count "$1" "${3:-}") >= $2))
}
