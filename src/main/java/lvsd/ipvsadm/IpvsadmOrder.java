package lvsd.ipvsadm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import lvsd.inet.Family;
import lvsd.ipvs.Destination;
import lvsd.ipvs.IpvsTable;
import lvsd.ipvs.ServiceKey;
import lvsd.ipvs.ServiceState;

/**
 * ipvsadm's listing order, reproduced exactly. ipvsadm sorts the kernel's dump with qsort and comparators
 * that subtract unsigned fields into an int (libipvs ipvs_cmp_services / ipvs_cmp_dests). The wrap-around
 * makes them non-transitive (10.20.0.1 sorts after 192.168.1.13, 2001:db8:aaaa:: before 2001:db8::1), so
 * the result depends on the sort algorithm too: glibc's qsort is a top-down merge sort that takes the
 * left element on ties. Both are replayed here on the same input (the kernel's dump order).
 */
public final class IpvsadmOrder {
    private IpvsadmOrder() {}

    /** ipvs_cmp_services: fwmark, af, protocol, address words, port, each as a wrapping int difference. */
    public static final Comparator<ServiceKey> SERVICES = (a, b) -> {
        int r = (int) a.fwmark() - (int) b.fwmark();
        if (r != 0) {
            return r;
        }
        r = a.family().code() - b.family().code();
        if (r != 0) {
            return r;
        }
        r = (a.protocol() == null ? 0 : a.protocol().code()) - (b.protocol() == null ? 0 : b.protocol().code());
        if (r != 0) {
            return r;
        }
        if (a.address() != null && b.address() != null) {
            r = addressDiff(a.family(), a.address().getAddress(), b.address().getAddress());
            if (r != 0) {
                return r;
            }
        }
        return a.port() - b.port();
    };

    /** ipvs_cmp_dests: address words (by the first one's family), then port. */
    public static final Comparator<Destination> DESTINATIONS = (a, b) -> {
        int r = addressDiff(a.family(), a.address().getAddress(), b.address().getAddress());
        if (r != 0) {
            return r;
        }
        return a.port() - b.port();
    };

    private static int addressDiff(Family family, byte[] a, byte[] b) {
        int words = family == Family.INET6 ? 4 : 1;
        int r = 0;
        for (int i = 0; r == 0 && i < words; i++) {
            r = word(a, i) - word(b, i);
        }
        return r;
    }

    private static int word(byte[] a, int i) {
        int o = i * 4;
        if (o + 4 > a.length) {
            return 0;
        }
        return ((a[o] & 0xFF) << 24) | ((a[o + 1] & 0xFF) << 16) | ((a[o + 2] & 0xFF) << 8) | (a[o + 3] & 0xFF);
    }

    /**
     * The table in ipvsadm's listing order: services, and each one's destinations. Apply it once, to a table in
     * the kernel's dump order (as {@code IpvsClient#table} returns it): the comparators are not transitive, so
     * sorting an already sorted table again need not give the same order.
     */
    public static IpvsTable sorted(IpvsTable kernelOrder) {
        List<ServiceState> services = new ArrayList<>();
        for (ServiceState s : sort(kernelOrder.services(), (a, b) -> SERVICES.compare(a.key(), b.key()))) {
            services.add(new ServiceState(s.service(), s.stats(),
                    sort(s.destinations(), (a, b) -> DESTINATIONS.compare(a.destination(), b.destination()))));
        }
        return new IpvsTable(kernelOrder.info(), services);
    }

    /** Sorts a copy of {@code in} exactly as glibc's merge-sort qsort would with {@code cmp}. */
    public static <T> List<T> sort(List<T> in, Comparator<? super T> cmp) {
        List<T> a = new ArrayList<>(in);
        Object[] tmp = new Object[a.size()];
        msort(a, 0, a.size(), cmp, tmp);
        return a;
    }

    @SuppressWarnings("unchecked")
    private static <T> void msort(List<T> b, int from, int n, Comparator<? super T> cmp, Object[] tmp) {
        if (n <= 1) {
            return;
        }
        int n1 = n / 2;
        int n2 = n - n1;
        msort(b, from, n1, cmp, tmp);
        msort(b, from + n1, n2, cmp, tmp);
        int i1 = from;
        int i2 = from + n1;
        int t = 0;
        while (n1 > 0 && n2 > 0) {
            if (cmp.compare(b.get(i1), b.get(i2)) <= 0) {
                tmp[t++] = b.get(i1++);
                n1--;
            } else {
                tmp[t++] = b.get(i2++);
                n2--;
            }
        }
        while (n1 > 0) {
            tmp[t++] = b.get(i1++);
            n1--;
        }
        // what remains of the right half is already in place
        for (int k = 0; k < t; k++) {
            b.set(from + k, (T) tmp[k]);
        }
    }
}
