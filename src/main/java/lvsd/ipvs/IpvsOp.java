package lvsd.ipvs;

import java.net.InetAddress;
import java.util.Objects;
import lvsd.inet.Addresses;

/**
 * One change to the IPVS table. {@link IpvsClient#apply} executes a list of them in batches; the restore
 * parser and the director's reconciler produce them; {@code lvsd.ipvsadm.IpvsadmSyntax#op} renders one as an
 * ipvsadm command line. {@link #describe()} names what an operation is about, for messages.
 */
public sealed interface IpvsOp {

    /** The service the operation is about, or null for table-wide operations. */
    ServiceKey serviceKey();

    /**
     * What the operation is about, for messages: the service ({@code -t 10.0.0.1:80}), or the service and the
     * destination ({@code -t 10.0.0.1:80 -r 10.0.0.2:80}), or {@code the table}.
     */
    default String describe() {
        if (this instanceof AddDestination a) {
            return a.key().ipvsadm() + " -r " + Addresses.withPort(a.destination().address(), a.destination().port());
        } else if (this instanceof EditDestination e) {
            return e.key().ipvsadm() + " -r " + Addresses.withPort(e.destination().address(), e.destination().port());
        } else if (this instanceof DeleteDestination d) {
            return d.key().ipvsadm() + " -r " + Addresses.withPort(d.address(), d.port());
        }
        return serviceKey() == null ? "the table" : serviceKey().ipvsadm();
    }

    record AddService(Service service) implements IpvsOp {
        public AddService {
            Objects.requireNonNull(service, "service");
        }

        @Override
        public ServiceKey serviceKey() {
            return service.key();
        }
    }

    record EditService(Service service) implements IpvsOp {
        public EditService {
            Objects.requireNonNull(service, "service");
        }

        @Override
        public ServiceKey serviceKey() {
            return service.key();
        }
    }

    record DeleteService(ServiceKey key) implements IpvsOp {
        public DeleteService {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public ServiceKey serviceKey() {
            return key;
        }
    }

    record AddDestination(ServiceKey key, Destination destination) implements IpvsOp {
        public AddDestination {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(destination, "destination");
        }

        @Override
        public ServiceKey serviceKey() {
            return key;
        }
    }

    record EditDestination(ServiceKey key, Destination destination) implements IpvsOp {
        public EditDestination {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(destination, "destination");
        }

        @Override
        public ServiceKey serviceKey() {
            return key;
        }
    }

    record DeleteDestination(ServiceKey key, InetAddress address, int port) implements IpvsOp {
        public DeleteDestination {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(address, "address");
        }

        public static DeleteDestination of(ServiceKey key, Destination d) {
            return new DeleteDestination(key, d.address(), d.port());
        }

        @Override
        public ServiceKey serviceKey() {
            return key;
        }
    }

    /** Deletes every service and destination (ipvsadm -C). */
    record Flush() implements IpvsOp {
        @Override
        public ServiceKey serviceKey() {
            return null;
        }
    }

    /** Sets the connection timeouts (ipvsadm --set tcp tcpfin udp; 0 keeps a value). */
    record SetTimeouts(Timeouts timeouts) implements IpvsOp {
        public SetTimeouts {
            Objects.requireNonNull(timeouts, "timeouts");
        }

        @Override
        public ServiceKey serviceKey() {
            return null;
        }
    }
}
