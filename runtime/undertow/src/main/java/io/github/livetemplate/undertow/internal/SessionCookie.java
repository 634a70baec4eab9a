package io.github.livetemplate.undertow.internal;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.server.handlers.CookieImpl;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Internal: the browser session cookie that names the session group (default {@code
 * livetemplate-id}): 32 random bytes, URL-safe base64, {@code HttpOnly}, {@code SameSite=Lax},
 * {@code Path=/}, one year, {@code Secure} over HTTPS. Set only when the request has no usable one.
 */
final class SessionCookie {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

    private final String name;
    private final RequestOrigin origin;

    SessionCookie(String name, RequestOrigin origin) {
        this.name = name;
        this.origin = origin;
    }

    /** The request's group id, or {@code null} when it has no (well-formed) cookie. */
    String read(HttpServerExchange exchange) {
        Cookie c = exchange.getRequestCookie(name);
        if (c == null) {
            return null;
        }
        String v = c.getValue();
        return valid(v) ? v : null;
    }

    /** Creates a new group id and sets the cookie on the response. */
    String issue(HttpServerExchange exchange) {
        String id = newId();
        CookieImpl c = new CookieImpl(name, id);
        c.setPath("/");
        c.setHttpOnly(true);
        c.setSameSiteMode("Lax");
        c.setMaxAge(MAX_AGE_SECONDS);
        if (origin.secure(exchange)) {
            c.setSecure(true);
        }
        exchange.setResponseCookie(c);
        return id;
    }

    /** A new random group id for a request without cookie support. */
    static String newId() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * Ids we issue, or ids of the same shape (Go's cookie included); nothing that could be abused.
     */
    static boolean valid(String v) {
        if (v == null || v.length() < 16 || v.length() > 128) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean ok =
                    (c >= 'A' && c <= 'Z')
                            || (c >= 'a' && c <= 'z')
                            || (c >= '0' && c <= '9')
                            || c == '-'
                            || c == '_'
                            || c == '='
                            || c == '+'
                            || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
