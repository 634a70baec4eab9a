package io.github.livetemplate.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * A cookie an action or {@code mount} sets with {@link Context#setCookie(ResponseCookie)}, with
 * safe defaults: {@code HttpOnly}, {@code SameSite=Lax}, {@code Path=/}, {@code Secure} whenever
 * the page is served over HTTPS (always, unless {@link #insecure()} is asked for), and no {@code
 * Max-Age} (a session cookie). Change them with the {@code with…} methods.
 *
 * @param name the cookie name (an HTTP token)
 * @param value the value; characters outside printable ASCII, and {@code ;}, {@code ,}, {@code "},
 *     {@code \} and spaces are refused (encode the value first, e.g. as base64url)
 * @param maxAge how long it lives; {@code null} for a session cookie, {@link Duration#ZERO} deletes
 * @param path the {@code Path}
 * @param httpOnly whether page scripts cannot read it
 * @param secureOnHttps whether it gets {@code Secure} when the page is served over HTTPS
 * @param sameSite {@code Lax}, {@code Strict} or {@code None} ({@code None} needs HTTPS)
 */
public record ResponseCookie(
        String name,
        String value,
        Duration maxAge,
        String path,
        boolean httpOnly,
        boolean secureOnHttps,
        String sameSite) {

    public ResponseCookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            throw new IllegalArgumentException("not a valid cookie name: " + name);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ';' || c == ',' || c == '"' || c == '\\') {
                throw new IllegalArgumentException(
                        "cookie " + name + ": the value has a character cookies cannot carry");
            }
        }
        if (maxAge != null && maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative");
        }
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c < 0x20 || c == ';')) {
            throw new IllegalArgumentException("not a cookie path: " + path);
        }
        if (!sameSite.equals("Lax") && !sameSite.equals("Strict") && !sameSite.equals("None")) {
            throw new IllegalArgumentException("SameSite must be Lax, Strict or None: " + sameSite);
        }
    }

    /** A session cookie with the safe defaults. */
    public static ResponseCookie of(String name, String value) {
        return new ResponseCookie(name, value, null, "/", true, true, "Lax");
    }

    /** A cookie that deletes {@code name} (empty value, {@code Max-Age=0}). */
    public static ResponseCookie delete(String name) {
        return new ResponseCookie(name, "", Duration.ZERO, "/", true, true, "Lax");
    }

    /** This cookie living {@code maxAge}. */
    public ResponseCookie withMaxAge(Duration maxAge) {
        return new ResponseCookie(name, value, maxAge, path, httpOnly, secureOnHttps, sameSite);
    }

    /** This cookie on {@code path}. */
    public ResponseCookie withPath(String path) {
        return new ResponseCookie(name, value, maxAge, path, httpOnly, secureOnHttps, sameSite);
    }

    /** This cookie with {@code SameSite=sameSite}. */
    public ResponseCookie withSameSite(String sameSite) {
        return new ResponseCookie(name, value, maxAge, path, httpOnly, secureOnHttps, sameSite);
    }

    /** This cookie readable by page scripts (not {@code HttpOnly}). */
    public ResponseCookie readableByScripts() {
        return new ResponseCookie(name, value, maxAge, path, false, secureOnHttps, sameSite);
    }

    /** This cookie without {@code Secure} even over HTTPS. */
    public ResponseCookie insecure() {
        return new ResponseCookie(name, value, maxAge, path, httpOnly, false, sameSite);
    }
}
