package lvsd.vrrp;

/**
 * What carrying out one of the machine's actions in the world came to: done now, found already done (the VIP was
 * there, the sync daemon ran), or refused (with the reason, for the log). The state, not the operation, is what
 * counts, so already-done is a success.
 */
public sealed interface Applied {

    Applied OK = new Ok();
    Applied ALREADY_DONE = new AlreadyDone();

    record Ok() implements Applied {}

    record AlreadyDone() implements Applied {}

    record Refused(String why) implements Applied {}
}
