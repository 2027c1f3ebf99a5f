#!/bin/bash
# slapd.sh DIR ADDR LDAP_PORT LDAPS_PORT: dc=lvsd,dc=test with cn=health and admin cn=admin / secret
set -euo pipefail
dir=$1 addr=$2 port=$3 sport=$4
mkdir -p "$dir/db"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=ldap.lvsd.test \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
cat > "$dir/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
pidfile $dir/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
TLSCertificateFile $dir/cert.pem
TLSCertificateKeyFile $dir/key.pem
database mdb
suffix "dc=lvsd,dc=test"
rootdn "cn=admin,dc=lvsd,dc=test"
rootpw secret
directory $dir/db
maxsize 10485760
CONF
cat > "$dir/data.ldif" <<LDIF
dn: dc=lvsd,dc=test
objectClass: dcObject
objectClass: organization
dc: lvsd
o: lvsd

dn: cn=health,dc=lvsd,dc=test
objectClass: organizationalRole
cn: health
LDIF
slapadd -f "$dir/slapd.conf" -l "$dir/data.ldif"
exec slapd -d 0 -f "$dir/slapd.conf" -h "ldap://$addr:$port/ ldaps://$addr:$sport/"
