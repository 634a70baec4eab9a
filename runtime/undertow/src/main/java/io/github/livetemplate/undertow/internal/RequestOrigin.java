package io.github.livetemplate.undertow.internal;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Internal: the scheme and host a request was addressed to, and the same-origin check of WebSocket
 * upgrades and JSON POSTs.
 *
 * <p>Without trusted forwarded headers the scheme is the connection's and the host is the {@code
 * Host} header. With {@code trustForwardedHeaders(true)} (only behind a proxy that sets or strips
 * them) {@code X-Forwarded-Proto} / {@code Forwarded: proto=} and {@code X-Forwarded-Host} / {@code
 * Forwarded: host=} take precedence.
 */
final class RequestOrigin {
    private static final HttpString X_FORWARDED_PROTO = new HttpString("X-Forwarded-Proto");
    private static final HttpString X_FORWARDED_HOST = new HttpString("X-Forwarded-Host");
    private static final HttpString FORWARDED = new HttpString("Forwarded");
    private static final HttpString ORIGIN = new HttpString("Origin");

    private final boolean trustForwarded;
    private final Set<String> allowed;
    private final boolean allowAll;

    /**
     * @param allowedOrigins extra origins ({@code scheme://host[:port]}); {@code "*"} allows all
     */
    RequestOrigin(boolean trustForwarded, List<String> allowedOrigins) {
        this.trustForwarded = trustForwarded;
        this.allowAll = allowedOrigins.contains("*");
        this.allowed =
                allowedOrigins.stream()
                        .filter(o -> !o.equals("*"))
                        .map(RequestOrigin::normalize)
                        .filter(o -> o != null)
                        .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Whether the request may act on the page: no {@code Origin}, same origin, or allow-listed. */
    boolean allowed(HttpServerExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst(ORIGIN);
        if (origin == null) {
            // Not a browser: browsers send Origin on WebSocket handshakes and CORS-mode POSTs.
            return true;
        }
        if (allowAll) {
            return true;
        }
        String normalized = normalize(origin.trim());
        if (normalized == null) {
            return false; // "null" (sandboxed frames, file:) or garbage
        }
        if (allowed.contains(normalized)) {
            return true;
        }
        String self = normalize(scheme(exchange) + "://" + host(exchange));
        return normalized.equals(self);
    }

    /** {@code http} or {@code https}. */
    String scheme(HttpServerExchange exchange) {
        if (trustForwarded) {
            String p = firstToken(exchange.getRequestHeaders().getFirst(X_FORWARDED_PROTO));
            if (p == null) {
                p = forwardedParam(exchange.getRequestHeaders().getFirst(FORWARDED), "proto");
            }
            if (p != null) {
                p = p.toLowerCase(Locale.ROOT);
                if (p.equals("http") || p.equals("https")) {
                    return p;
                }
                if (p.equals("wss")) {
                    return "https";
                }
                if (p.equals("ws")) {
                    return "http";
                }
            }
        }
        String s = exchange.getRequestScheme();
        return s == null ? "http" : s.toLowerCase(Locale.ROOT);
    }

    /** The host (and port, if given) the client addressed. */
    String host(HttpServerExchange exchange) {
        if (trustForwarded) {
            String h = firstToken(exchange.getRequestHeaders().getFirst(X_FORWARDED_HOST));
            if (h == null) {
                h = forwardedParam(exchange.getRequestHeaders().getFirst(FORWARDED), "host");
            }
            if (h != null && !h.isEmpty()) {
                return h;
            }
        }
        return exchange.getHostAndPort();
    }

    /** Whether the client reached us over TLS (possibly through a trusted proxy). */
    boolean secure(HttpServerExchange exchange) {
        return scheme(exchange).equals("https");
    }

    private static String firstToken(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        String v = (comma < 0 ? header : header.substring(0, comma)).trim();
        return v.isEmpty() ? null : v;
    }

    /** A parameter of the first element of an RFC 7239 {@code Forwarded} header. */
    static String forwardedParam(String header, String name) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        String first = comma < 0 ? header : header.substring(0, comma);
        for (String pair : first.split(";")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            if (pair.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = pair.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /**
     * {@code scheme://host:port} in lower case with the default port made explicit; null if bad.
     */
    static String normalize(String origin) {
        try {
            URI u = new URI(origin);
            String scheme = u.getScheme();
            String host = u.getHost();
            if (scheme == null || host == null) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = u.getPort();
            if (port < 0) {
                port =
                        switch (scheme) {
                            case "https", "wss" -> 443;
                            case "http", "ws" -> 80;
                            default -> -1;
                        };
            }
            return scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
