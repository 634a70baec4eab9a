package io.github.livetemplate.undertow.internal;

import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Locale;

/**
 * Internal: the allowed-hosts check. A browser sends the name it resolved as {@code Host}, so a
 * page of {@code evil.example} whose name was rebound to this server's address (DNS rebinding)
 * arrives with {@code Host: evil.example} and a matching {@code Origin}: the origin check alone
 * accepts it. With a list of the names this server is known by, every other {@code Host} is
 * refused.
 *
 * <p>Entries are host names or addresses ({@code example.com}, {@code 127.0.0.1}, {@code [::1]}),
 * matching any port, or {@code host:port}, matching that port only; case-insensitive. An empty list
 * allows every host.
 */
final class HostCheck {
    private final List<String> hosts;
    private final RequestOrigin origin;

    HostCheck(List<String> allowedHosts, RequestOrigin origin) {
        this.hosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        this.origin = origin;
    }

    /** Whether the request's host (forwarded host when trusted) is allowed. */
    boolean allowed(HttpServerExchange exchange) {
        if (hosts.isEmpty()) {
            return true;
        }
        String hostAndPort = origin.host(exchange);
        if (hostAndPort == null || hostAndPort.isEmpty()) {
            return false;
        }
        return allowed(hostAndPort);
    }

    boolean allowed(String hostAndPort) {
        String hp = hostAndPort.trim().toLowerCase(Locale.ROOT);
        String name = hostOnly(hp);
        for (String h : hosts) {
            if (h.equals(hp) || h.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** {@code host} of {@code host[:port]}, brackets kept for IPv6 ({@code [::1]}). */
    static String hostOnly(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int end = hostAndPort.indexOf(']');
            return end < 0 ? hostAndPort : hostAndPort.substring(0, end + 1);
        }
        int colon = hostAndPort.lastIndexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }
}
