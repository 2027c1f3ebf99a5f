package lvsd.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import lvsd.inet.Family;

/** A fixed name table, so parser tests never touch DNS or the machine's /etc/services. */
final class StaticResolver implements NameResolver {
    private final Map<String, String> v4 = new HashMap<>();
    private final Map<String, String> v6 = new HashMap<>();
    private final Map<String, Integer> services = new HashMap<>();

    /** The table every corpus file is parsed with (documented in src/test/resources/ldirectord/README.md). */
    static StaticResolver corpus() {
        StaticResolver r = new StaticResolver();
        r.host("localhost", "127.0.0.1", "::1");
        r.host("sql01", "192.168.10.81", null);
        r.host("sql02", "192.168.10.82", null);
        r.host("sql03", "192.168.10.83", null);
        r.host("web1.example.test", "192.0.2.11", "2001:db8::11");
        r.host("web2.example.test", "192.0.2.12", null);
        r.host("vip.example.test", "198.51.100.10", "2001:db8::100");
        r.host("v6only.example.test", null, "2001:db8::200");
        for (String[] s : new String[][] {
            {"ftp", "21"}, {"smtp", "25"}, {"domain", "53"}, {"http", "80"}, {"www", "80"}, {"pop3", "110"},
            {"nntp", "119"}, {"imap2", "143"}, {"imap", "143"}, {"ldap", "389"}, {"https", "443"},
            {"submission", "587"}, {"ldaps", "636"}, {"imaps", "993"}, {"pop3s", "995"}, {"mysql", "3306"},
            {"postgresql", "5432"}, {"sip", "5060"}, {"radius", "1812"}, {"http-alt", "8080"}}) {
            r.services.put(s[0], Integer.parseInt(s[1]));
        }
        return r;
    }

    StaticResolver host(String name, String ipv4, String ipv6) {
        if (ipv4 != null) {
            v4.put(name, ipv4);
        }
        if (ipv6 != null) {
            v6.put(name, ipv6);
        }
        return this;
    }

    @Override
    public Optional<InetAddress> host(String name, Family family) {
        String a = (family == Family.INET ? v4 : v6).get(name);
        if (a == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(a)); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public OptionalInt service(String name, String protocol) {
        Integer p = services.get(name);
        return p == null ? OptionalInt.empty() : OptionalInt.of(p);
    }

    @Override
    public String localHostName() {
        return "director1";
    }
}
