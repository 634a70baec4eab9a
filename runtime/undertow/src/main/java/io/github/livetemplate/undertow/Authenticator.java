package io.github.livetemplate.undertow;

import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.undertow.internal.ConfiguredAuthenticator;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;
import java.util.function.Function;

/**
 * The users of a page, in one place ({@link LiveHandler.Builder#authenticator}): who the signed-in
 * user of a request is, which session group a user's connections share, and what an anonymous
 * request to a protected page gets.
 *
 * <pre>{@code
 * Authenticator users =
 *         Authenticator.of(ex -> {
 *                     Cookie c = ex.getRequestCookie("app-session");
 *                     return c == null ? null : signIns.user(c.getValue());
 *                 })
 *                 .requireSignIn("/signin")     // or .requireChallenge("Basic realm=\"app\"")
 *                 .withSessionGroups(SessionGroups.PER_USER);
 * }</pre>
 *
 * An application may also implement the interface in a class of its own, overriding {@link
 * #sessionGroups()} and {@link #refusal()}. {@link #user} runs on every request; the other two are
 * read once, when the handler is built.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * The signed-in user of {@code exchange}, or {@code null} (or empty) for an anonymous visitor:
     * read a cookie the sign-in page set, a header an authenticating proxy sets, or the account a
     * security handler in front of this one attached. Called once per request (page load, native
     * form post, JSON request, WebSocket upgrade), on an I/O or worker thread: keep it quick. The
     * result is {@link Context#userId()}.
     */
    String user(HttpServerExchange exchange);

    /**
     * How connections are grouped into session groups; default {@link SessionGroups#PER_BROWSER}.
     */
    default SessionGroups sessionGroups() {
        return SessionGroups.PER_BROWSER;
    }

    /** What an anonymous request gets; default {@link Refusal#none()}: the page is open. */
    default Refusal refusal() {
        return Refusal.none();
    }

    /** An authenticator that asks {@code user} for the user of a request (an open page). */
    static Authenticator of(Function<HttpServerExchange, String> user) {
        Objects.requireNonNull(user, "user");
        return user::apply;
    }

    /** This authenticator with {@link Refusal#signInPage(String) signInPage(signInPath)}. */
    default Authenticator requireSignIn(String signInPath) {
        return new ConfiguredAuthenticator(this, sessionGroups(), Refusal.signInPage(signInPath));
    }

    /** This authenticator with {@link Refusal#challenge(String) challenge(wwwAuthenticate)}. */
    default Authenticator requireChallenge(String wwwAuthenticate) {
        return new ConfiguredAuthenticator(
                this, sessionGroups(), Refusal.challenge(wwwAuthenticate));
    }

    /** This authenticator with session groups {@code groups} (such as {@code PER_USER}). */
    default Authenticator withSessionGroups(SessionGroups groups) {
        return new ConfiguredAuthenticator(
                this, Objects.requireNonNull(groups, "groups"), refusal());
    }

    /** Which connections share a session group (state, triggers, persisted components, tokens). */
    enum SessionGroups {
        /** Every browser has its own, named by the session cookie (the default). */
        PER_BROWSER,
        /**
         * A signed-in user's connections share one, across browsers and devices: {@code u-} and the
         * base64url SHA-256 of the user id (never the id itself). Anonymous visitors keep their
         * browser's.
         */
        PER_USER
    }

    /**
     * What an anonymous request to the page gets; nothing of the page is mounted or run. Build one
     * with {@link #none()}, {@link #signInPage(String)} or {@link #challenge(String)}.
     */
    final class Refusal {
        /** The challenge of {@link #signInPage}'s 401s. */
        public static final String SIGN_IN_CHALLENGE = "LiveTemplate realm=\"sign-in\"";

        private static final Refusal NONE = new Refusal(null, null);

        private final String signInPath;
        private final String challenge;

        private Refusal(String signInPath, String challenge) {
            this.signInPath = signInPath;
            this.challenge = challenge;
        }

        /** Anonymous requests are served (the page decides with {@link Context#userId()}). */
        public static Refusal none() {
            return NONE;
        }

        /**
         * An anonymous page load is answered {@code 303 See Other} to {@code signInPath} with
         * {@code ?next=} the page (URL-encoded); every other anonymous request (native form post,
         * JSON, WebSocket upgrade) {@code 401} with {@code WWW-Authenticate:} {@value
         * #SIGN_IN_CHALLENGE}.
         *
         * @param signInPath a path on this site ({@code /signin})
         */
        public static Refusal signInPage(String signInPath) {
            Objects.requireNonNull(signInPath, "signInPath");
            if (!signInPath.startsWith("/")
                    || signInPath.startsWith("//")
                    || signInPath.indexOf('\\') >= 0
                    || !printable(signInPath)) {
                throw new IllegalArgumentException("a path on this site: " + signInPath);
            }
            return new Refusal(signInPath, SIGN_IN_CHALLENGE);
        }

        /**
         * Every anonymous request, page loads too, is answered {@code 401} with {@code
         * WWW-Authenticate: wwwAuthenticate} — e.g. {@code Basic realm="app"}, so that the browser
         * asks for credentials (which {@link Authenticator#user} then checks).
         */
        public static Refusal challenge(String wwwAuthenticate) {
            Objects.requireNonNull(wwwAuthenticate, "wwwAuthenticate");
            if (wwwAuthenticate.isBlank() || !printable(wwwAuthenticate)) {
                throw new IllegalArgumentException(
                        "a WWW-Authenticate value (printable ASCII): " + wwwAuthenticate);
            }
            return new Refusal(null, wwwAuthenticate);
        }

        /** Whether anonymous requests are refused. */
        public boolean refuses() {
            return challenge != null;
        }

        /** Where anonymous page loads are sent, or {@code null} (a 401 for them too). */
        public String signInPath() {
            return signInPath;
        }

        /**
         * The {@code WWW-Authenticate} value of the 401s, or {@code null} when nothing is refused.
         */
        public String challenge() {
            return challenge;
        }

        private static boolean printable(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c > 0x7e) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return !refuses()
                    ? "Refusal[none]"
                    : signInPath != null
                            ? "Refusal[signInPage " + signInPath + "]"
                            : "Refusal[401 " + challenge + "]";
        }
    }
}
