#!/bin/bash
# exim.sh DIR ADDR PORT: an SMTP server (exim4-daemon-light) that greets and accepts QUIT
set -euo pipefail
dir=$1 addr=$2 port=$3
mkdir -p "$dir/spool" "$dir/log"
chmod 777 "$dir/spool" "$dir/log"
cat > "$dir/exim.conf" <<CONF
primary_hostname = mail.lvsd.test
daemon_smtp_ports = $port
local_interfaces = $addr
spool_directory = $dir/spool
log_file_path = $dir/log/%slog
pid_file_path = $dir/exim.pid
acl_smtp_rcpt = acl_check_rcpt
begin acl
acl_check_rcpt:
  deny
begin routers
begin transports
CONF
exec exim -C "$dir/exim.conf" -bdf
