package io.github.livetemplate.undertow.internal;

import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: the access log of a page handler (docs/runtime.md, "Logging"): one line per request
 * when it completes, an upgrade's once it has switched protocols (status 101):
 *
 * <pre>{@code GET /todos 200 5123 B 2.4 ms}</pre>
 *
 * <p>Method, path, status, bytes sent and duration only: no query string (values may be secrets or
 * personal data; the names of its parameters are listed, as {@code ?room&page}), no cookies, no
 * headers. What the client chose (method, path, names) is written with control and non-ASCII
 * characters escaped and cut at {@value #MAX_TEXT} characters, so that a request cannot forge or
 * flood log lines.
 */
public final class AccessLog {
    /** The logger of every page's access log (level INFO). */
    public static final Logger LOG = LoggerFactory.getLogger("io.github.livetemplate.access");

    static final int MAX_TEXT = 200;

    private AccessLog() {}

    /** Logs {@code exchange} when it completes, if the access logger is enabled for INFO. */
    public static void attach(HttpServerExchange exchange) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        long started = System.nanoTime();
        exchange.addExchangeCompleteListener(
                (ex, next) -> {
                    try {
                        LOG.info(line(ex, System.nanoTime() - started));
                    } finally {
                        next.proceed();
                    }
                });
    }

    /** The line of a completed exchange that took {@code nanos}. */
    static String line(HttpServerExchange ex, long nanos) {
        StringBuilder sb = new StringBuilder(96);
        clean(sb, ex.getRequestMethod().toString(), 16);
        sb.append(' ');
        clean(sb, ex.getRequestPath(), MAX_TEXT);
        if (!ex.getQueryParameters().isEmpty()) {
            char sep = '?';
            int left = MAX_TEXT;
            for (String name : ex.getQueryParameters().keySet()) {
                sb.append(sep);
                sep = '&';
                left -= clean(sb, name, left);
                if (left <= 0) {
                    break;
                }
            }
        }
        sb.append(' ')
                .append(ex.getStatusCode())
                .append(' ')
                .append(ex.getResponseBytesSent())
                .append(" B ")
                .append(String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6))
                .append(" ms");
        return sb.toString();
    }

    /**
     * Appends at most {@code max} characters of {@code text}, control, non-ASCII and space
     * characters as {@code %XX} (UTF-16 units as {@code %uXXXX}), and {@code ...} when cut.
     *
     * @return the characters of {@code text} consumed
     */
    private static int clean(StringBuilder sb, String text, int max) {
        int n = Math.min(text.length(), Math.max(max, 0));
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c > 0x20 && c < 0x7f && c != '%') {
                sb.append(c);
            } else if (c < 0x100) {
                sb.append('%').append(hex(c >> 4)).append(hex(c & 0xf));
            } else {
                sb.append("%u").append(String.format(java.util.Locale.ROOT, "%04x", (int) c));
            }
        }
        if (n < text.length()) {
            sb.append("...");
        }
        return n;
    }

    private static char hex(int d) {
        return Character.forDigit(d, 16);
    }
}
