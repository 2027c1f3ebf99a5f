#!/bin/bash
# nginx.sh DIR ADDR HTTP_PORT HTTPS_PORT: http and https (self-signed) with /, /500, /slow
set -euo pipefail
dir=$1 addr=$2 port=$3 tport=$4
mkdir -p "$dir/tmp"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=real.example \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
cat > "$dir/nginx.conf" <<CONF
daemon off;
master_process on;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        listen $addr:$port;
        listen $addr:$tport ssl;
        ssl_certificate $dir/cert.pem;
        ssl_certificate_key $dir/key.pem;
        server_name real.example;
        location = / { default_type text/plain; return 200 "lvsd-nginx-ok\n"; }
        location = /500 { default_type text/plain; return 500 "lvsd-nginx-ok but broken\n"; }
        location = /moved { return 302 /; }
    }
    server {
        listen $addr:$port;
        server_name other.example;
        location / { default_type text/plain; return 200 "other-vhost\n"; }
    }
}
CONF
exec nginx -c "$dir/nginx.conf" -e "$dir/error.log"
