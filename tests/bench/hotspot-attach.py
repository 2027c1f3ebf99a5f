#!/usr/bin/env python3
"""Runs jcmd commands in a HotSpot JVM through its attach socket, without starting a JVM (jcmd itself is a
JVM: in the emulated test VM one jcmd run costs 30-60 s, which would both slow the soak's sampling and load the
daemon it measures). The protocol is the JDK's own for Linux (sun.tools.attach.VirtualMachineImpl): create
.attach_pid<PID> in the target's cwd, SIGQUIT it, wait for its socket /tmp/.java_pid<PID>, then per command
send "1\\0jcmd\\0<command>\\0\\0\\0" and read the status line and the output.

    hotspot-attach.py PID COMMAND...     e.g. hotspot-attach.py 1234 GC.run GC.heap_info
"""
import os
import signal
import socket
import sys
import time


def socket_path(pid):
    return f"/proc/{pid}/root/tmp/.java_pid{pid}"


def ensure_listener(pid, timeout_s=120):
    path = socket_path(pid)
    if os.path.exists(path):
        return path
    trigger = f"/proc/{pid}/cwd/.attach_pid{pid}"
    open(trigger, "w").close()
    try:
        os.kill(pid, signal.SIGQUIT)
        deadline = time.monotonic() + timeout_s
        while not os.path.exists(path):
            if time.monotonic() > deadline:
                sys.exit(f"no attach socket from {pid} after {timeout_s} s")
            time.sleep(0.1)
    finally:
        os.unlink(trigger)
    return path


def run(path, command):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.connect(path)
        s.sendall(b"1\0jcmd\0" + command.encode() + b"\0\0\0")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    status, _, out = data.decode(errors="replace").partition("\n")
    if status.strip() != "0":
        sys.exit(f"{command}: status {status.strip()}: {out}")
    return out


def main():
    pid = int(sys.argv[1])
    path = ensure_listener(pid)
    for command in sys.argv[2:]:
        sys.stdout.write(run(path, command))


if __name__ == "__main__":
    main()
