package lvsd.netlink;

/** Fixtures shared with kernel tests in other packages. */
public final class MessageBuilderTestFixtures {
    private MessageBuilderTestFixtures() {}

    public static final String GETFAMILY_IPVS = MessageBuilderTest.GETFAMILY_IPVS;
}
