#!/usr/bin/env python3
"""Sends hostile VRRP traffic out of one interface (run inside a test namespace, as root).

usage: fuzz.py IFACE SRC VRID PASSWORD COUNT SEED

Every packet goes to 224.0.0.18 with our own IPv4 header (IP_HDRINCL). Kinds, in rotation: TTL 254,
bad checksum, wrong password, unknown VRID, truncated, random bytes, and valid adverts with random bit
flips, paced so the receiver's socket
queue does not overflow. Valid-looking adverts carry priority 1 so they cannot displace the master under test.
"""
import random
import socket
import struct
import sys
import time

iface, src, vrid, password, count, seed = sys.argv[1:7]
vrid, count = int(vrid), int(count)
rnd = random.Random(int(seed))
GROUP = "224.0.0.18"


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def vrrp_v2(vrid, prio, pw, vips=(b"\x0a\x4d\x00\x64",)):
    body = struct.pack("!BBBBBBH", 0x21, vrid, prio, len(vips), 1, 1, 0) + b"".join(vips)
    body += pw.encode()[:8].ljust(8, b"\0")
    c = csum(body)
    return body[:6] + struct.pack("!H", c) + body[8:]


def ip(payload, ttl=255, proto=112, total=None):
    total = 20 + len(payload) if total is None else total
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0xC0, total, 0, 0, ttl, proto, 0,
                      socket.inet_aton(src), socket.inet_aton(GROUP))
    return hdr + payload


s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, iface.encode())
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(src))
kinds = ["ttl", "checksum", "password", "vrid", "truncated", "random", "mutated"]
sent = {k: 0 for k in kinds}
for i in range(count):
    kind = kinds[i % len(kinds)]
    good = vrrp_v2(vrid, 1, password)
    if kind == "ttl":
        pkt = ip(good, ttl=254)
    elif kind == "checksum":
        pkt = ip(good[:6] + struct.pack("!H", (struct.unpack("!H", good[6:8])[0] + 1) & 0xFFFF) + good[8:])
    elif kind == "password":
        pkt = ip(vrrp_v2(vrid, 1, "wrong"))
    elif kind == "vrid":
        pkt = ip(vrrp_v2((vrid % 255) + 1, 1, password))
    elif kind == "truncated":
        cut = good[: rnd.randrange(0, len(good))]
        pkt = ip(cut)
    elif kind == "random":
        pkt = ip(bytes(rnd.getrandbits(8) for _ in range(rnd.randrange(0, 64))))
    else:
        b = bytearray(good)
        for _ in range(rnd.randrange(1, 4)):
            b[rnd.randrange(len(b))] ^= 1 << rnd.randrange(8)
        pkt = ip(bytes(b))
    s.sendto(pkt, (GROUP, 0))
    sent[kind] += 1
    if i % 10 == 9:
        time.sleep(0.002)  # pace: this tests validation, not the socket's queue length
print(" ".join("%s=%d" % kv for kv in sorted(sent.items())))
