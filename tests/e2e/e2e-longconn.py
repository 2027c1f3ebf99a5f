#!/usr/bin/env python3
"""One long-lived TCP connection through the VIP for tests/e2e/e2e_failover_test.sh (beside the shared
request client, tests/e2e/e2e-client.py): connects once to an echo service, sends a numbered line every
--interval seconds and reads it back within --timeout, until the --stop-file exists or the connection fails.

The --log gets one line per exchange, "START_S ok N" (START_S on CLOCK_BOOTTIME, the clock of /proc/uptime),
and at the end either "START_S closed N" (stopped with the connection alive) or "START_S dropped N REASON"
(the first exchange that failed; the connection is not reopened, so a drop is final).
"""
import argparse
import os
import socket
import sys
import time


def now():
    return time.clock_gettime(time.CLOCK_BOOTTIME)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", required=True, help="HOST:PORT")
    ap.add_argument("--log", required=True)
    ap.add_argument("--stop-file", required=True)
    ap.add_argument("--interval", type=float, default=0.1)
    ap.add_argument("--timeout", type=float, default=1.0)
    a = ap.parse_args()
    host, port = a.target.rsplit(":", 1)
    with open(a.log, "a", buffering=1) as log:
        s = socket.create_connection((host, int(port)), timeout=a.timeout)
        n = 0
        pending = b""
        while not os.path.exists(a.stop_file):
            t = now()
            n += 1
            line = f"{n}\n".encode()
            try:
                s.sendall(line)
                while b"\n" not in pending:
                    chunk = s.recv(64)
                    if not chunk:
                        raise ConnectionError("closed by peer")
                    pending += chunk
                got, _, pending = pending.partition(b"\n")
                if got + b"\n" != line:
                    raise ValueError(f"echo {got!r}")
            except (OSError, ValueError) as e:
                log.write(f"{t:.3f} dropped {n} {type(e).__name__}:{e}\n")
                return 0
            log.write(f"{t:.3f} ok {n}\n")
            time.sleep(max(0.0, t + a.interval - now()))
        log.write(f"{now():.3f} closed {n}\n")
        s.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
