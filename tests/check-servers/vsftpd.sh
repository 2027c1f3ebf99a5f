#!/bin/bash
# vsftpd.sh DIR ADDR PORT: anonymous FTP serving health.txt ("lvsd-ftp-ok")
set -euo pipefail
dir=$1 addr=$2 port=$3
mkdir -p "$dir/root" "$dir/empty"
chmod 755 "$dir" "$dir/root" "$dir/empty"
echo "lvsd-ftp-ok" > "$dir/root/health.txt"
chmod 644 "$dir/root/health.txt"
cat > "$dir/vsftpd.conf" <<CONF
listen=YES
listen_ipv6=NO
listen_address=$addr
listen_port=$port
background=NO
anonymous_enable=YES
no_anon_password=YES
anon_root=$dir/root
local_enable=NO
write_enable=NO
pasv_enable=YES
pasv_address=$addr
secure_chroot_dir=$dir/empty
seccomp_sandbox=NO
xferlog_enable=NO
vsftpd_log_file=$dir/vsftpd.log
CONF
exec vsftpd "$dir/vsftpd.conf"
