package lvsd.check.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import lvsd.sys.AtomicFile;

/**
 * The benchmark's real servers: ADDRS x PORTS loopback listeners (127.0.0.1.. and BASE..) on one selector
 * thread. In tcp mode each connection is accepted and closed; in http mode the first read is answered
 * with a small 200 response. Every second it rewrites COUNTFILE with the total number of connections
 * accepted, which is how the bench counts checks for any checker (lvsd or keepalived) the same way.
 *
 * <pre>java -cp lvsd.jar lvsd.check.bench.BenchListeners tcp|http ADDRS PORTS BASE COUNTFILE</pre>
 */
public final class BenchListeners {
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n"
            + "Connection: close\r\n\r\nok\n").getBytes(StandardCharsets.US_ASCII);

    private BenchListeners() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: BenchListeners tcp|http ADDRS PORTS BASE COUNTFILE");
            System.exit(2);
        }
        boolean http = args[0].equals("http");
        int addrs = Integer.parseInt(args[1]);
        int ports = Integer.parseInt(args[2]);
        int base = Integer.parseInt(args[3]);
        Path countFile = Path.of(args[4]);
        Selector sel = Selector.open();
        for (int a = 1; a <= addrs; a++) {
            InetAddress ip = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) a});
            for (int p = 0; p < ports; p++) {
                ServerSocketChannel ss = ServerSocketChannel.open();
                ss.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                ss.bind(new InetSocketAddress(ip, base + p), 1024);
                ss.configureBlocking(false);
                ss.register(sel, SelectionKey.OP_ACCEPT);
            }
        }
        PrintStream out = System.out;
        out.println("listening on " + addrs * ports + " sockets");
        out.flush();
        long accepted = 0;
        long nextWrite = System.nanoTime();
        ByteBuffer buf = ByteBuffer.allocateDirect(4096);
        while (true) {
            sel.select(200);
            for (SelectionKey k : sel.selectedKeys()) {
                try {
                    if (k.isAcceptable()) {
                        for (SocketChannel c; (c = ((ServerSocketChannel) k.channel()).accept()) != null; ) {
                            accepted++;
                            if (http) {
                                c.configureBlocking(false);
                                c.register(sel, SelectionKey.OP_READ);
                            } else {
                                c.close();
                            }
                        }
                    } else if (k.isReadable()) {
                        SocketChannel c = (SocketChannel) k.channel();
                        buf.clear();
                        if (c.read(buf) > 0) {
                            c.write(ByteBuffer.wrap(RESPONSE));
                        }
                        k.cancel();
                        c.close();
                    }
                } catch (IOException e) {
                    k.cancel();
                    k.channel().close();
                }
            }
            sel.selectedKeys().clear();
            if (System.nanoTime() - nextWrite >= 0) {
                AtomicFile.write(countFile, accepted + "\n", AtomicFile.Durability.VISIBLE);
                nextWrite = System.nanoTime() + 1_000_000_000L;
            }
        }
    }
}
