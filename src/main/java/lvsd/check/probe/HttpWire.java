package lvsd.check.probe;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import lvsd.check.CheckSpec;

/**
 * The pure half of the plain-HTTP check: the request bytes, and deciding when a response read so far is
 * complete (headers, then Content-Length, chunked terminator, or end of stream) and what it says. Reads
 * are capped at {@link #HEAD_LIMIT} header bytes in at most {@link #MAX_HEADER_LINES} lines, and
 * {@link HttpProbe#BODY_LIMIT} body bytes.
 */
public final class HttpWire {
    static final int HEAD_LIMIT = 16 * 1024;
    static final int MAX_HEADER_LINES = 100;

    private HttpWire() {
    }

    /** A complete (or capped) response. {@code location} is set for redirects. */
    public record Response(int status, String location, String body) {}

    public static byte[] request(CheckSpec.Http h) {
        String host = h.virtualHost();
        if (host.isEmpty()) {
            String ip = h.target().address().getHostAddress();
            host = ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip;
            int defaultPort = h.tls() ? 443 : 80;
            if (h.target().port() != defaultPort) {
                host += ":" + h.target().port();
            }
        }
        return (h.method() + " " + h.path() + " HTTP/1.1\r\nHost: " + host
                + "\r\nUser-Agent: lvsd-check\r\nAccept: */*\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Thrown for a response that cannot be HTTP. */
    public static final class HttpWireException extends Exception {
        HttpWireException(String m) {
            super(m);
        }
    }

    /** The parsed status line and headers; the body starts at {@code bodyStart}. */
    public record Head(int status, long contentLength, boolean chunked, String location, Charset charset, int bodyStart) {
        /** True when no body follows: HEAD, 1xx, 204, 304. */
        public boolean noBody(boolean headRequest) {
            return headRequest || status == 204 || status == 304 || (status >= 100 && status < 200);
        }
    }

    /**
     * The response in {@code buf[0..len)} if it is complete; empty if more must be read. {@code eof}: the
     * server closed. {@code head}: the request was HEAD (no body follows). The body is capped at
     * {@link HttpProbe#BODY_LIMIT} bytes.
     */
    public static Optional<Response> complete(byte[] buf, int len, boolean head, boolean eof) throws HttpWireException {
        int end = headersEnd(buf, 0, len);
        if (end < 0) {
            incompleteHead(len, eof);
            return Optional.empty();
        }
        Head h = head(buf, end);
        if (!bodyDone(h, head, buf, len, eof, HttpProbe.BODY_LIMIT)) {
            return Optional.empty();
        }
        return Optional.of(new Response(h.status(), h.location(), body(h, head, buf, len, HttpProbe.BODY_LIMIT)));
    }

    /** For headers not yet complete in {@code len} bytes: throws if they never can be, else returns. */
    static void incompleteHead(int len, boolean eof) throws HttpWireException {
        if (len >= HEAD_LIMIT) {
            throw new HttpWireException("response headers longer than " + HEAD_LIMIT + " bytes");
        }
        if (eof) {
            throw new HttpWireException(len == 0 ? "connection closed without a response"
                    : "connection closed inside the response headers");
        }
    }

    /** Parses the headers in {@code buf[0..end)}, {@code end} being where the blank line starts. */
    static Head head(byte[] buf, int end) throws HttpWireException {
        String headers = new String(buf, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = headers.split("\r\n");
        if (lines.length > MAX_HEADER_LINES + 1) {
            throw new HttpWireException("more than " + MAX_HEADER_LINES + " response header lines");
        }
        int status = status(lines[0]);
        long contentLength = -1;
        boolean chunked = false;
        String location = null;
        Charset charset = StandardCharsets.ISO_8859_1;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> {
                    try {
                        contentLength = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new HttpWireException("bad Content-Length: " + value);
                    }
                }
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "location" -> location = value;
                case "content-type" -> charset = charset(value, charset);
                default -> { }
            }
        }
        return new Head(status, contentLength, chunked, location, charset, end + 4);
    }

    /** Whether {@code buf[0..len)} holds the whole body, or {@code cap} bytes of it (all a check reads). */
    static boolean bodyDone(Head h, boolean headRequest, byte[] buf, int len, boolean eof, int cap) {
        int have = len - h.bodyStart();
        return h.noBody(headRequest) || eof || have >= cap
                || (!h.chunked() && h.contentLength() >= 0 && have >= h.contentLength())
                || (h.chunked() && endsWithLastChunk(buf, h.bodyStart(), len));
    }

    /** The body received so far, at most {@code cap} bytes of it, dechunked and decoded. */
    static String body(Head h, boolean headRequest, byte[] buf, int len, int cap) {
        if (h.noBody(headRequest)) {
            return "";
        }
        int n = Math.max(0, Math.min(len - h.bodyStart(), cap));
        if (!h.chunked() && h.contentLength() >= 0) {
            n = (int) Math.min(n, h.contentLength());
        }
        int from = h.bodyStart();
        return h.chunked() ? dechunk(buf, from, from + n, h.charset()) : new String(buf, from, n, h.charset());
    }

    /**
     * Where the blank line ending the headers starts in {@code b[0..len)}, or -1. The search starts at
     * {@code from}: a caller reading in pieces passes {@link #resumeAt(int)} of what it searched before, so a
     * header trickled a byte at a time costs linear, not quadratic, time.
     */
    static int headersEnd(byte[] b, int from, int len) {
        for (int i = Math.max(0, from); i + 3 < len; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Where to resume a search that found nothing in {@code len} bytes (the end may straddle the cut). */
    static int resumeAt(int len) {
        return Math.max(0, len - 3);
    }

    static int status(String line) throws HttpWireException {
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
            throw new HttpWireException("not an HTTP/1.x status line: " + shorten(line));
        }
        try {
            return Integer.parseInt(line.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new HttpWireException("bad status code in: " + shorten(line));
        }
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    private static Charset charset(String contentType, Charset fallback) {
        int i = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (i < 0) {
            return fallback;
        }
        String name = contentType.substring(i + 8).split("[;\\s]")[0].replace("\"", "");
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return fallback;
        }
    }

    private static boolean endsWithLastChunk(byte[] b, int from, int len) {
        // the last chunk is "0" CRLF, then (no trailers) CRLF
        return len - from >= 5 && b[len - 5] == '0' && b[len - 4] == '\r' && b[len - 3] == '\n'
                && b[len - 2] == '\r' && b[len - 1] == '\n';
    }

    /** Joins chunk data, tolerating a capped or cut stream (what was received is what is matched). */
    static String dechunk(byte[] b, int from, int to, Charset cs) {
        StringBuilder sb = new StringBuilder();
        int i = from;
        while (i < to) {
            int eol = i;
            while (eol + 1 < to && !(b[eol] == '\r' && b[eol + 1] == '\n')) {
                eol++;
            }
            if (eol + 1 >= to) {
                break;
            }
            String sizeText = new String(b, i, eol - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size <= 0) {
                break;
            }
            int start = eol + 2;
            int n = Math.min(size, to - start);
            sb.append(new String(b, start, n, cs));
            i = start + size + 2;
        }
        return sb.toString();
    }
}
