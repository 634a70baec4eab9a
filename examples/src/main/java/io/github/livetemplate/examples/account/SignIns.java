package io.github.livetemplate.examples.account;

import io.github.livetemplate.undertow.Authenticator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is signed in, by the random id in the browser's {@value #COOKIE} cookie (32 random bytes,
 * base64url; the cookie is {@code HttpOnly}, {@code SameSite=Lax}). In memory; an id means nothing
 * once revoked. Thread-safe; at most {@value #MAX} sign-ins (the oldest are not tracked: a full
 * store refuses new sign-ins).
 */
public final class SignIns {
    /** The cookie holding the sign-in id. */
    public static final String COOKIE = "lvt-example-user";

    static final int MAX = 100_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> emailById = new ConcurrentHashMap<>();

    /** A new sign-in of {@code email}: its id, or {@code null} when the store is full. */
    public String start(String email) {
        if (emailById.size() >= MAX) {
            return null;
        }
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        emailById.put(id, Accounts.key(email));
        return id;
    }

    /**
     * Who is signed in: the user of the request's sign-in cookie while that sign-in lasts (an open
     * page; a protected one adds {@code requireSignIn}).
     */
    public Authenticator authenticator() {
        return Authenticator.of(
                ex -> {
                    var c = ex.getRequestCookie(COOKIE);
                    return c == null ? null : user(c.getValue());
                });
    }

    /** The e-mail address signed in with {@code id}, or {@code null}. */
    public String user(String id) {
        return id == null ? null : emailById.get(id);
    }

    /** Ends the sign-in {@code id}. */
    public void end(String id) {
        if (id != null) {
            emailById.remove(id);
        }
    }
}
