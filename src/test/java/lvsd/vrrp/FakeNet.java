package lvsd.vrrp;

import java.net.Inet4Address;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import lvsd.config.VipSpec;

/**
 * An in-memory broadcast segment for {@link VrrpService} tests without root: every node's sends reach every
 * other connected node's receive queue on the same interface name. A node can be cut off (its packets are lost
 * both ways), which is what a crash or a broken cable looks like to the others.
 */
final class FakeNet {
    final List<Node> nodes = new CopyOnWriteArrayList<>();
    /** Every VIP add and remove on every node, in order: "a+10.0.0.100", "b-10.0.0.100". */
    final List<String> vipEvents = new CopyOnWriteArrayList<>();

    Node node(String name, Inet4Address primary) {
        Node n = new Node(name, primary);
        nodes.add(n);
        return n;
    }

    final class Node implements VrrpIo {
        final String name;
        final Inet4Address primary;
        final LinkedBlockingQueue<Packet> rx = new LinkedBlockingQueue<>();
        final Set<Inet4Address> vips = ConcurrentHashMap.newKeySet();
        final Map<Inet4Address, Integer> garps = new ConcurrentHashMap<>();
        volatile boolean connected = true;
        volatile boolean linkUp = true;
        volatile boolean present = true;

        Node(String name, Inet4Address primary) {
            this.name = name;
            this.primary = primary;
        }

        /** Delivers raw bytes to this node as if they arrived on {@code iface}. */
        void inject(String iface, byte[] packet) {
            rx.add(new Packet(iface, packet.clone(), packet.length));
        }

        @Override
        public void open(String iface, boolean multicast) throws VrrpIoException {
            if (!present) {
                throw new VrrpIoException("open " + iface, 19, "no such interface");
            }
        }

        /**
         * When set, the next receive waits for it and then returns nothing without reading the queue: a poll that
         * timed out just before packets arrived, then a thread that was not scheduled until the latch opens.
         */
        volatile CountDownLatch stall;
        volatile boolean stalled;

        @Override
        public Packet receive(long timeoutNanos) {
            CountDownLatch s = stall;
            if (s != null) {
                stall = null;
                stalled = true;
                try {
                    s.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }
            try {
                Packet p = rx.poll(Math.max(1, timeoutNanos), TimeUnit.NANOSECONDS);
                return p == null || p.data().length == 0 ? null : p;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        @Override
        public void wakeup() {
            rx.add(new Packet("", new byte[0], 0));
        }

        @Override
        public void send(String iface, byte[] ipPacket, Inet4Address dst) {
            if (!connected) {
                return;
            }
            for (Node other : nodes) {
                if (other != this && other.connected && (dst.isMulticastAddress() || dst.equals(other.primary))) {
                    other.rx.add(new Packet(iface, ipPacket.clone(), ipPacket.length));
                }
            }
        }

        @Override
        public void garp(String iface, Inet4Address vip) {
            garps.merge(vip, 1, Integer::sum);
        }

        @Override
        public Applied addVip(String dev, VipSpec vip) {
            if (!vips.add(vip.address())) {
                return Applied.ALREADY_DONE;
            }
            vipEvents.add(name + "+" + vip.address().getHostAddress());
            return Applied.OK;
        }

        @Override
        public Applied removeVip(String dev, VipSpec vip) {
            if (!vips.remove(vip.address())) {
                return Applied.ALREADY_DONE;
            }
            vipEvents.add(name + "-" + vip.address().getHostAddress());
            return Applied.OK;
        }

        @Override
        public Inet4Address primaryAddress(String iface) throws VrrpIoException {
            if (!present) {
                throw new VrrpIoException("address of " + iface, 19, "no such interface");
            }
            return primary;
        }

        @Override
        public boolean linkUp(String iface) {
            return linkUp && present;
        }

        @Override
        public void close() {}
    }
}
