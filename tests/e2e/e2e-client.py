#!/usr/bin/env python3
"""The bounded end-to-end client (tests/e2e/e2e-topology.bash starts it once per scenario).

Sends `GET / HTTP/1.0` to the target every --interval seconds (one request at a time; a late request is not
caught up), each with a --timeout deadline for the whole exchange, and logs one line per request:

    START_S ok SERVER DURATION_S LOCAL_PORT      (SERVER: the word after "served-by" in the body)
    START_S fail REASON DURATION_S LOCAL_PORT    (refused, timeout, reset, http-NNN, short, ...)

START_S is CLOCK_BOOTTIME (the clock of /proc/uptime, so a shell test can mark phases on the same clock).
Stops when the --stop-file exists, after --duration, or at SIGTERM/SIGINT; then reads the --marks file (lines
"PHASE START_S" appended by the test), assigns each request to the last phase started at or before it, and
writes the per-phase summary (tab-separated, with a header) to --summary and a table to stdout.

--port-pool N binds the client's source port to one of N consecutive ports (from --port-base) in turn, so a
4-tuple recurs within seconds: what a busy client or a NAT in front of the director does, and what shows
whether IPVS hands a new connection on an old entry to a real that is no longer in rotation.
"""
import argparse
import errno
import os
import signal
import socket
import sys
import time


def now():
    return time.clock_gettime(time.CLOCK_BOOTTIME)


def reason_of(exc):
    if isinstance(exc, socket.timeout):
        return "timeout"
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, ConnectionResetError):
        return "reset"
    if isinstance(exc, OSError) and exc.errno is not None:
        return errno.errorcode.get(exc.errno, str(exc.errno)).lower()
    return type(exc).__name__


def one_request(host, port, timeout, source_port):
    """Returns (ok, server-or-reason, local_port)."""
    deadline = now() + timeout
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    local = 0
    try:
        if source_port:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("0.0.0.0", source_port))
        s.settimeout(timeout)
        s.connect((host, port))
        local = s.getsockname()[1]
        s.sendall(b"GET / HTTP/1.0\r\nHost: e2e\r\n\r\n")
        data = b""
        while True:
            left = deadline - now()
            if left <= 0:
                raise socket.timeout()
            s.settimeout(left)
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        status = head.split(b"\r\n", 1)[0].split()
        if len(status) < 2:
            return False, "short", local
        if status[1] != b"200":
            return False, "http-" + status[1].decode(errors="replace"), local
        words = body.split()
        if len(words) >= 2 and words[0] == b"served-by":
            return True, words[1].decode(errors="replace"), local
        return False, "body", local
    except Exception as e:  # every failure is a logged result, never the end of the run
        return False, reason_of(e), local
    finally:
        s.close()


def read_marks(path):
    marks = []
    try:
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2:
                    marks.append((float(parts[1]), parts[0]))
    except FileNotFoundError:
        pass
    marks.sort()
    return marks


def summarise(results, marks):
    """Rows (phase, requests, failed, last_fail, servers, reasons) in phase order."""
    phases = [("start", 0.0)] + [(name, t) for t, name in marks]
    rows = {name: {"start": t, "n": 0, "failed": 0, "last": -1.0, "servers": {}, "reasons": {}}
            for name, t in phases}
    order = []
    for name, _ in phases:
        if name not in order:
            order.append(name)
    for t, ok, what in results:
        current = "start"
        for name, mt in phases:
            if mt <= t:
                current = name
        row = rows[current]
        row["n"] += 1
        if ok:
            row["servers"][what] = row["servers"].get(what, 0) + 1
        else:
            row["failed"] += 1
            row["last"] = max(row["last"], t - row["start"])
            row["reasons"][what] = row["reasons"].get(what, 0) + 1
    out = []
    for name in order:
        r = rows[name]
        if name == "start" and r["n"] == 0:
            continue
        out.append((name, r["n"], r["failed"], r["last"],
                    ",".join(f"{k}:{v}" for k, v in sorted(r["servers"].items())) or "-",
                    ",".join(f"{k}:{v}" for k, v in sorted(r["reasons"].items())) or "-"))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", required=True, help="HOST:PORT")
    ap.add_argument("--log", required=True)
    ap.add_argument("--marks", required=True)
    ap.add_argument("--summary", required=True)
    ap.add_argument("--stop-file")
    ap.add_argument("--duration", type=float, default=600.0)
    ap.add_argument("--interval", type=float, default=0.05)
    ap.add_argument("--timeout", type=float, default=1.0)
    ap.add_argument("--port-pool", type=int, default=0)
    ap.add_argument("--port-base", type=int, default=40000)
    a = ap.parse_args()
    host, port = a.target.rsplit(":", 1)
    port = int(port)

    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
    signal.signal(signal.SIGINT, lambda *_: stopping.append(1))

    results = []
    began = now()
    next_at = began
    i = 0
    with open(a.log, "a", buffering=1) as log:
        while not stopping and now() - began < a.duration:
            if a.stop_file and os.path.exists(a.stop_file):
                break
            wait = next_at - now()
            if wait > 0:
                time.sleep(wait)
            t = now()
            next_at = max(next_at + a.interval, t)
            source_port = a.port_base + i % a.port_pool if a.port_pool else 0
            i += 1
            ok, what, local = one_request(host, port, a.timeout, source_port)
            if not ok and what in ("eaddrinuse", "eaddrnotavail"):
                # the pool port is still held locally (our own TIME_WAIT after a timeout): not a result
                continue
            results.append((t, ok, what))
            log.write(f"{t:.3f} {'ok' if ok else 'fail'} {what} {now() - t:.3f} {local}\n")

    rows = summarise(results, read_marks(a.marks))
    with open(a.summary, "w") as f:
        f.write("phase\trequests\tfailed\tlast_fail\tservers\treasons\n")
        for r in rows:
            f.write(f"{r[0]}\t{r[1]}\t{r[2]}\t{r[3]:.2f}\t{r[4]}\t{r[5]}\n")
    width = max([len(r[0]) for r in rows] + [5])
    print(f"{'phase':<{width}}  requests  failed  last fail  servers (reasons of failures)")
    for r in rows:
        last = f"{r[3]:.2f} s" if r[3] >= 0 else "-"
        reasons = f" ({r[5]})" if r[5] != "-" else ""
        print(f"{r[0]:<{width}}  {r[1]:>8}  {r[2]:>6}  {last:>9}  {r[4]}{reasons}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
