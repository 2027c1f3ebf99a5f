package lvsd.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NetlinkSocketTest {

    private static byte[] request(int cmd) {
        return MessageBuilder.genl(0x24, Nl.F_REQUEST, cmd, 1).u32(1, cmd).build();
    }

    @Test
    void requestStampsIncreasingSequenceNumbersAndAsksForAnAck() throws Exception {
        FakeKernel k = new FakeKernel(req -> List.of(FakeKernel.error(req, 0, null)));
        NetlinkSocket s = new NetlinkSocket(k);
        s.request(request(1));
        s.request(request(2));
        assertThat(FakeKernel.seq(k.sent.get(1))).isEqualTo(FakeKernel.seq(k.sent.get(0)) + 1);
        assertThat(FakeKernel.flags(k.sent.get(0)) & (Nl.F_REQUEST | Nl.F_ACK)).isEqualTo(Nl.F_REQUEST | Nl.F_ACK);
    }

    @Test
    void kernelErrorBecomesNetlinkExceptionWithErrnoAndExtAckText() {
        FakeKernel k = new FakeKernel(req -> List.of(FakeKernel.error(req, Nl.EEXIST, "already there")));
        NetlinkSocket s = new NetlinkSocket(k);
        assertThatThrownBy(() -> s.request(request(1)))
                .isInstanceOfSatisfying(NetlinkException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Nl.EEXIST);
                    assertThat(e.fromKernel()).isTrue();
                    assertThat(e.extAck()).isEqualTo("already there");
                    assertThat(e.getMessage()).contains("File exists").contains("already there");
                });
    }

    @Test
    void repliesToAnEarlierRequestAreIgnored() throws Exception {
        FakeKernel k = new FakeKernel(req -> {
            byte[] stale = FakeKernel.error(req, Nl.EINVAL, null);
            FakeKernel.withSeq(stale, FakeKernel.seq(req) - 1);
            // the stale error's echoed header must also point at the old request
            java.nio.ByteBuffer.wrap(stale).order(java.nio.ByteOrder.nativeOrder()).putInt(16 + 4 + 8,
                    FakeKernel.seq(req) - 1);
            return List.of(stale, FakeKernel.error(req, 0, null));
        });
        new NetlinkSocket(k).request(request(1)); // does not throw: the EINVAL belonged to another request
    }

    @Test
    void dumpCollectsPartsAcrossDatagramsUntilDone() throws Exception {
        FakeKernel k = new FakeKernel(req -> {
            int seq = FakeKernel.seq(req);
            byte[] p1 = FakeKernel.withSeq(MessageBuilder.genl(0x24, Nl.F_MULTI, 1, 1).u32(1, 11).build(), seq);
            byte[] p2 = FakeKernel.withSeq(MessageBuilder.genl(0x24, Nl.F_MULTI, 1, 1).u32(1, 22).build(), seq);
            byte[] p3 = FakeKernel.withSeq(MessageBuilder.genl(0x24, Nl.F_MULTI, 1, 1).u32(1, 33).build(), seq);
            return List.of(FakeKernel.datagram(p1, p2), FakeKernel.datagram(p3, FakeKernel.done(req)));
        });
        List<Message> parts = new NetlinkSocket(k).dump(request(4));
        List<Integer> values = new ArrayList<>();
        for (Message m : parts) {
            AttrReader r = m.genlAttrs();
            r.next();
            values.add(r.u32());
        }
        assertThat(values).containsExactly(11, 22, 33);
        assertThat(FakeKernel.flags(k.sent.get(0)) & Nl.F_DUMP).isEqualTo(Nl.F_DUMP);
    }

    @Test
    void dumpThatCannotStartThrows() {
        FakeKernel k = new FakeKernel(req -> List.of(FakeKernel.error(req, Nl.EPERM, null)));
        assertThatThrownBy(() -> new NetlinkSocket(k).dump(request(4)))
                .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.errno()).isEqualTo(Nl.EPERM));
    }

    @Test
    void dumpIsRestartedAfterTheReceiveBufferOverflowed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FakeKernel k = new FakeKernel(req -> List.of(FakeKernel.done(req)));
        Transport overflowOnce = new Transport() {

            @Override
            public void send(byte[] data, int length) throws NetlinkException {
                k.send(data, length);
            }

            @Override
            public int receive(byte[] into) throws NetlinkException {
                if (calls.getAndIncrement() == 0) {
                    throw NetlinkException.syscall("recvfrom", Nl.ENOBUFS);
                }
                return k.receive(into);
            }

            @Override
            public int portId() {
                return 1;
            }

            @Override
            public void close() {}
        };
        assertThat(new NetlinkSocket(overflowOnce).dump(request(4))).isEmpty();
        // the first dump lost its parts, so the request went out a second time
        assertThat(k.sent).hasSize(2);
    }

    @Test
    void batchPacksMessagesAndAcksOnlyTheLastOfEachDatagram() throws Exception {
        FakeKernel k = new FakeKernel(req -> {
            int cmd = req[16];
            if (cmd == 3) {
                return List.of(FakeKernel.error(req, Nl.ESRCH, null)); // the kernel reports failures unasked
            }
            return (FakeKernel.flags(req) & Nl.F_ACK) != 0 ? List.of(FakeKernel.error(req, 0, null)) : List.of();
        });
        List<byte[]> msgs = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            msgs.add(request(i));
        }
        List<NetlinkException> results = new NetlinkSocket(k).batch(msgs);
        assertThat(k.datagramSizes).hasSize(1);
        assertThat(results).hasSize(5);
        assertThat(results.get(2)).isNotNull().extracting(NetlinkException::errno).isEqualTo(Nl.ESRCH);
        assertThat(results.stream().filter(e -> e != null).count()).isEqualTo(1);
        long acked = k.sent.stream().filter(m -> (FakeKernel.flags(m) & Nl.F_ACK) != 0).count();
        assertThat(acked).isEqualTo(1);
        assertThat(FakeKernel.flags(k.sent.get(4)) & Nl.F_ACK).isEqualTo(Nl.F_ACK);
    }

    @Test
    void largeBatchesAreSplitIntoSeveralDatagrams() throws Exception {
        FakeKernel k = new FakeKernel(
                req -> (FakeKernel.flags(req) & Nl.F_ACK) != 0 ? List.of(FakeKernel.error(req, 0, null)) : List.of());
        List<byte[]> msgs = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            msgs.add(request(1));
        }
        List<NetlinkException> results = new NetlinkSocket(k).batch(msgs);
        assertThat(results).hasSize(10_000).containsOnlyNulls();
        assertThat(k.sent).hasSize(10_000);
        assertThat(k.datagramSizes).allMatch(n -> n <= NetlinkSocket.MAX_BATCH_BYTES);
        assertThat(k.datagramSizes.size()).isGreaterThan(1);
    }
}
