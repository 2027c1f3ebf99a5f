#!/bin/bash
# dovecot.sh DIR ADDR IMAP IMAPS POP3 POP3S: dovecot with one user "lvsd" / "secret" and a self-signed cert
set -euo pipefail
dir=$1 addr=$2 imap=$3 imaps=$4 pop=$5 pops=$6
mkdir -p "$dir/run" "$dir/state" "$dir/mail"
chmod 755 "$dir" "$dir/run"
chmod 777 "$dir/mail"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=mail.lvsd.test \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
echo "lvsd:{PLAIN}secret::::::" > "$dir/passwd"
cat > "$dir/dovecot.conf" <<CONF
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
protocols = imap pop3
listen = $addr
ssl = yes
ssl_cert = <$dir/cert.pem
ssl_key = <$dir/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$dir/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN $dir/passwd
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$dir/mail/%u
}
service imap-login {
  inet_listener imap {
    address = $addr
    port = $imap
  }
  inet_listener imaps {
    address = $addr
    port = $imaps
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    address = $addr
    port = $pop
  }
  inet_listener pop3s {
    address = $addr
    port = $pops
    ssl = yes
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
CONF
exec dovecot -F -c "$dir/dovecot.conf"
