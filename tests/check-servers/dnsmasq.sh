#!/bin/bash
# dnsmasq.sh DIR ADDR PORT: answers www.lvsd.test A 192.0.2.10 and its PTR, over UDP and TCP
set -euo pipefail
dir=$1 addr=$2 port=$3
exec dnsmasq --keep-in-foreground --conf-file=/dev/null --pid-file="$dir/dnsmasq.pid" \
    --listen-address="$addr" --bind-interfaces --port="$port" --no-resolv --no-hosts --user=root \
    --host-record=www.lvsd.test,192.0.2.10 --log-facility="$dir/dnsmasq.log"
