package lvsd.netlink;

import java.util.List;

/** A resolved generic netlink family: the id to put in nlmsg_type, its version and highest attribute. */
public record GenlFamily(String name, int id, int version, int maxAttr) {

    /** The CTRL_CMD_GETFAMILY request for {@code name}. */
    public static byte[] request(String name) {
        return MessageBuilder.genl(Nl.GENL_ID_CTRL, Nl.F_REQUEST | Nl.F_ACK, Nl.CTRL_CMD_GETFAMILY, 1)
                .string(Nl.CTRL_ATTR_FAMILY_NAME, name)
                .build();
    }

    /** Parses the controller's NEWFAMILY answer. */
    public static GenlFamily parse(Message reply) throws NetlinkException {
        String name = null;
        int id = -1;
        int version = 0;
        int maxAttr = 0;
        AttrReader r = reply.genlAttrs();
        while (r.next()) {
            switch (r.type()) {
                case Nl.CTRL_ATTR_FAMILY_NAME -> name = r.string();
                case Nl.CTRL_ATTR_FAMILY_ID -> id = r.u16();
                case Nl.CTRL_ATTR_VERSION -> version = r.u32();
                case Nl.CTRL_ATTR_MAXATTR -> maxAttr = r.u32();
                default -> { } // ops, multicast groups, policies: not needed
            }
        }
        r.check();
        if (name == null || id < 0) {
            throw NetlinkException.malformed("family reply without name or id");
        }
        return new GenlFamily(name, id, version, maxAttr);
    }

    /**
     * Asks the generic netlink controller for a family. A family that is not registered fails with a
     * {@link NetlinkException} whose errno is ENOENT.
     */
    public static GenlFamily resolve(NetlinkSocket socket, String name) throws NetlinkException {
        List<Message> replies = socket.request(request(name));
        for (Message m : replies) {
            if (m.type() == Nl.GENL_ID_CTRL && m.genlCmd() == Nl.CTRL_CMD_NEWFAMILY) {
                return parse(m);
            }
        }
        throw NetlinkException.malformed("no NEWFAMILY reply for family " + name);
    }
}
