package lvsd.check.probe;

import lvsd.check.CheckResult;
import lvsd.check.proto.Receive;

/** The pure half of the HTTP check: status 2xx and the receive regex found in the body. */
public final class HttpVerdict {
    private HttpVerdict() {
    }

    public static CheckResult judge(int status, String body, String receive) {
        if (status < 200 || status > 299) {
            return new CheckResult.Down("HTTP status " + status);
        }
        if (!receive.isEmpty() && !Receive.find(receive, body)) {
            return new CheckResult.Down("HTTP " + status + " but body does not match /" + receive + "/");
        }
        return CheckResult.Up.PLAIN;
    }
}
