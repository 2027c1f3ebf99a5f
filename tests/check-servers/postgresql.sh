#!/bin/bash
# postgresql.sh DIR ADDR PORT: PostgreSQL with user lvsd / secret (scram-sha-256) and database health
set -euo pipefail
dir=$1 addr=$2 port=$3
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
mkdir -p "$dir/sock"
chown -R postgres:postgres "$dir"
echo secret > "$dir/pw"
chown postgres "$dir/pw"
runuser -u postgres -- "$bin/initdb" -D "$dir/pg" -U lvsd --pwfile="$dir/pw" --auth=scram-sha-256 \
    --no-sync > "$dir/initdb.log" 2>&1
runuser -u postgres -- "$bin/postgres" --single -D "$dir/pg" template1 > /dev/null <<SQL
CREATE DATABASE health;
SQL
exec runuser -u postgres -- "$bin/postgres" -D "$dir/pg" -c listen_addresses="$addr" -p "$port" \
    -c unix_socket_directories="$dir/sock" -c shared_buffers=16MB -c fsync=off -c max_connections=20
