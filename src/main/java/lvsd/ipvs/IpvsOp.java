package lvsd.ipvs;

import java.net.InetAddress;
import java.util.Objects;
import lvsd.inet.Addresses;

/**
 * One change to the IPVS table. {@link IpvsClient#apply} executes a list of them in batches; the restore
 * parser and the director's reconciler produce them; {@link #ipvsadm()} renders one as an ipvsadm
 * command line without the program name (the ipvsadm-save / ipvsadm-restore line format), e.g.
 * {@code -A -t 10.0.0.1:80 -s wlc} or {@code -a -t 10.0.0.1:80 -r 10.0.0.2:80 -g -w 1}.
 */
public sealed interface IpvsOp {

    /** This operation as an ipvsadm-restore line. */
    String ipvsadm();

    /** The service the operation is about, or null for table-wide operations. */
    ServiceKey serviceKey();

    record AddService(Service service) implements IpvsOp {
        public AddService {
            Objects.requireNonNull(service, "service");
        }

        @Override
        public String ipvsadm() {
            return IpvsadmSyntax.service("-A", service);
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
        public String ipvsadm() {
            return IpvsadmSyntax.service("-E", service);
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
        public String ipvsadm() {
            return "-D " + key.ipvsadm();
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
        public String ipvsadm() {
            return IpvsadmSyntax.destination("-a", key, destination, true);
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
        public String ipvsadm() {
            return IpvsadmSyntax.destination("-e", key, destination, true);
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
        public String ipvsadm() {
            return "-d " + key.ipvsadm() + " -r " + Addresses.withPort(address, port);
        }

        @Override
        public ServiceKey serviceKey() {
            return key;
        }
    }

    /** Deletes every service and destination (ipvsadm -C). */
    record Flush() implements IpvsOp {
        @Override
        public String ipvsadm() {
            return "-C";
        }

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
        public String ipvsadm() {
            return "--set " + timeouts.tcp() + " " + timeouts.tcpFin() + " " + timeouts.udp();
        }

        @Override
        public ServiceKey serviceKey() {
            return null;
        }
    }
}
