# One connection of a health-servers.bash real server (run by socat with the connection on stdin/stdout; not
# named *.sh, so the suite runner does not source it looking for tests):
# reads an HTTP request, answers with the next verdict of DIR/queue (else DIR/default) and logs the verdict
# to DIR/log. A connection that closes before sending a request line (a connect check, a readiness probe)
# is neither answered nor logged, so DIR/log counts real requests only.
dir=$1
IFS= read -r line || exit 0
[[ -n $line ]] || exit 0
# the rest of the head: closing with unread input would reset the connection before the answer is read
while IFS= read -r h && [[ -n ${h%$'\r'} ]]; do :; done
exec 9>>"$dir/lock"
flock 9
verdict=$(<"$dir/default")
if [[ -s $dir/queue ]]; then
    mapfile -t q <"$dir/queue"
    verdict=${q[0]}
    printf '%s\n' "${q[@]:1}" | grep -v '^$' >"$dir/queue.tmp" || true
    mv -f "$dir/queue.tmp" "$dir/queue"
fi
echo "$verdict" >>"$dir/log"
exec 9>&-
case $verdict in
    ok) printf 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n' ;;
    hang) exec sleep 3600 ;;
    *) printf 'HTTP/1.0 500 Internal Server Error\r\nContent-Length: 5\r\n\r\nfail\n' ;;
esac
