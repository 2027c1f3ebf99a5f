#!/bin/bash
# mariadb.sh DIR ADDR PORT: MariaDB with user lvsd / secret (mysql_native_password) and database health
set -euo pipefail
dir=$1 addr=$2 port=$3
mkdir -p "$dir/data"
mariadb-install-db --no-defaults --datadir="$dir/data" --user=root --skip-test-db \
    --auth-root-authentication-method=socket > "$dir/install.log" 2>&1
cat > "$dir/init.sql" <<SQL
CREATE DATABASE IF NOT EXISTS health;
CREATE USER IF NOT EXISTS 'lvsd'@'%' IDENTIFIED BY 'secret';
GRANT SELECT ON health.* TO 'lvsd'@'%';
SQL
exec mariadbd --no-defaults --datadir="$dir/data" --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" \
    --port="$port" --bind-address="$addr" --user=root --skip-log-bin --skip-name-resolve \
    --innodb-buffer-pool-size=16M --performance-schema=OFF --log-error="$dir/error.log" \
    --init-file="$dir/init.sql"
