#!/bin/bash
# freeradius.sh DIR ADDR PORT: RADIUS auth for user "lvsd" / "secret", client secret "s3cret"
set -euo pipefail
dir=$1 addr=$2 port=$3
chmod 755 "$dir"
cat > "$dir/users" <<USERS
lvsd Cleartext-Password := "secret"
USERS
cat > "$dir/radiusd.conf" <<CONF
prefix = /usr
exec_prefix = /usr
sysconfdir = /etc
localstatedir = /var
sbindir = /usr/sbin
datarootdir = /usr/share
dictdir = /usr/share/freeradius
libdir = /usr/lib/freeradius
logdir = $dir
raddbdir = $dir
radacctdir = $dir
confdir = $dir
run_dir = $dir
pidfile = $dir/radiusd.pid
name = radiusd
max_request_time = 5
log {
    destination = files
    file = $dir/radius.log
}
security {
    allow_vulnerable_openssl = yes
}
client local {
    ipaddr = $addr
    secret = s3cret
}
modules {
    files {
        filename = $dir/users
    }
    pap {
    }
}
server default {
    listen {
        type = auth
        ipaddr = $addr
        port = $port
    }
    authorize {
        files
        pap
    }
    authenticate {
        Auth-Type PAP {
            pap
        }
    }
}
CONF
exec freeradius -f -d "$dir" -n radiusd -l stdout
