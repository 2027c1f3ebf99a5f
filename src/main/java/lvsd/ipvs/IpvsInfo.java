package lvsd.ipvs;

/** GET_INFO: the IPVS version code (0x010201 = 1.2.1) and the connection hash table size. */
public record IpvsInfo(int version, int connTableSize) {

    /** "1.2.1". */
    public String versionString() {
        return ((version >> 16) & 0xFF) + "." + ((version >> 8) & 0xFF) + "." + (version & 0xFF);
    }
}
