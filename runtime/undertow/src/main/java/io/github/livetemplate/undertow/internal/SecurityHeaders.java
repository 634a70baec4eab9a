package io.github.livetemplate.undertow.internal;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;

/**
 * Internal: the security headers of every answer on a page URL: a {@code Content-Security-Policy}
 * ({@code frame-ancestors 'self'} by default, so a cross-origin page cannot frame the live page),
 * {@code X-Frame-Options} for browsers without CSP level 2 (when the policy is the default), {@code
 * X-Content-Type-Options: nosniff} and a {@code Referrer-Policy}.
 *
 * @param contentSecurityPolicy the CSP, or empty to send none
 * @param referrerPolicy the referrer policy, or empty to send none
 */
public record SecurityHeaders(String contentSecurityPolicy, String referrerPolicy) {
    /** The default policy: pages may be framed by pages of their own origin only. */
    public static final String DEFAULT_CSP = "frame-ancestors 'self'";

    /** The default referrer policy: the origin only, and nothing over a downgrade. */
    public static final String DEFAULT_REFERRER_POLICY = "strict-origin-when-cross-origin";

    public static final SecurityHeaders DEFAULT =
            new SecurityHeaders(DEFAULT_CSP, DEFAULT_REFERRER_POLICY);

    private static final HttpString CSP = new HttpString("Content-Security-Policy");
    private static final HttpString FRAME_OPTIONS = new HttpString("X-Frame-Options");
    private static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");
    private static final HttpString REFERRER = new HttpString("Referrer-Policy");

    public SecurityHeaders {
        for (String v : new String[] {contentSecurityPolicy, referrerPolicy}) {
            if (v == null || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("not a header value: " + v);
            }
        }
    }

    void apply(HttpServerExchange exchange) {
        HeaderMap h = exchange.getResponseHeaders();
        if (!contentSecurityPolicy.isEmpty()) {
            h.put(CSP, contentSecurityPolicy);
            if (contentSecurityPolicy.equals(DEFAULT_CSP)) {
                h.put(FRAME_OPTIONS, "SAMEORIGIN");
            }
        }
        h.put(NOSNIFF, "nosniff");
        if (!referrerPolicy.isEmpty()) {
            h.put(REFERRER, referrerPolicy);
        }
    }
}
