package lvsd.check.proto;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.net.SocketFactory;
import lvsd.check.CheckResult;
import lvsd.check.CheckSpec;

/**
 * service=ldap/ldaps through the JDK's LDAP provider: bind (anonymous unless login), a base-scope search
 * on the request DN, exactly one entry whose DN matches receive. The JDK's connect and read timeouts are
 * set to the time left; the engine's deadline closes the context as well.
 */
public final class LdapCheck {
    private LdapCheck() {
    }

    public static CheckResult run(CheckSpec.Ldap l, Session s) throws IOException {
        Hashtable<String, Object> env = new Hashtable<>();
        String host = l.target().address().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, (l.tls() ? "ldaps://" : "ldap://") + host + ":" + l.target().port());
        String left = Integer.toString(s.millisLeft());
        env.put("com.sun.jndi.ldap.connect.timeout", left);
        env.put("com.sun.jndi.ldap.read.timeout", left);
        env.put("com.sun.jndi.ldap.connect.pool", "false");
        env.put("java.naming.referral", "ignore");
        if (l.tls()) {
            env.put("java.naming.ldap.factory.socket", TrustAllLdapSockets.class.getName());
        }
        if (l.login().isEmpty()) {
            env.put(Context.SECURITY_AUTHENTICATION, "none");
        } else {
            env.put(Context.SECURITY_AUTHENTICATION, "simple");
            env.put(Context.SECURITY_PRINCIPAL, l.login());
            env.put(Context.SECURITY_CREDENTIALS, l.passwd());
        }
        InitialDirContext ctx = null;
        try {
            ctx = new InitialDirContext(env);
            InitialDirContext c = ctx;
            s.onCancel(() -> {
                try {
                    c.close();
                } catch (NamingException ignored) {
                    // closing is all we wanted
                }
            });
            SearchControls sc = new SearchControls();
            sc.setSearchScope(SearchControls.OBJECT_SCOPE);
            sc.setReturningAttributes(new String[0]);
            sc.setCountLimit(2);
            sc.setTimeLimit(s.millisLeft());
            String base = l.baseDn().startsWith("/") ? l.baseDn().substring(1) : l.baseDn();
            NamingEnumeration<SearchResult> found = ctx.search(base, "(objectClass=*)", sc);
            int n = 0;
            String dn = "";
            while (found.hasMore()) {
                dn = found.next().getNameInNamespace();
                n++;
            }
            if (n != 1) {
                return new CheckResult.Down("LDAP search on '" + base + "' found " + n + " entries, want exactly 1");
            }
            if (!l.receive().isEmpty() && !s.find(l.receive(), dn)) {
                return new CheckResult.Down("LDAP entry DN '" + dn + "' does not match /" + l.receive() + "/");
            }
            return CheckResult.Up.PLAIN;
        } catch (NamingException e) {
            return new CheckResult.Down("LDAP: " + e.getClass().getSimpleName() + ": " + e.getExplanation());
        } finally {
            if (ctx != null) {
                try {
                    ctx.close();
                } catch (NamingException ignored) {
                    // nothing more to free
                }
            }
        }
    }

    /** Socket factory JNDI instantiates by class name for ldaps: TLS without certificate checks. */
    public static final class TrustAllLdapSockets extends SocketFactory {
        public static SocketFactory getDefault() {
            return new TrustAllLdapSockets();
        }

        @Override
        public Socket createSocket() throws IOException {
            return Session.factory(false).createSocket();
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return Session.factory(false).createSocket(host, port);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return Session.factory(false).createSocket(host, port, local, localPort);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return Session.factory(false).createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress a, int port, InetAddress local, int localPort) throws IOException {
            return Session.factory(false).createSocket(a, port, local, localPort);
        }
    }
}
