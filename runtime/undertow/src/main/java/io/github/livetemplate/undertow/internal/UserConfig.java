package io.github.livetemplate.undertow.internal;

import io.github.livetemplate.undertow.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Internal: the sign-in rules of one live page handler, read once from its {@link Authenticator}.
 *
 * @param refused whether anonymous requests are refused
 * @param signInPath where anonymous page loads are sent, or {@code null} (a 401 for them too)
 * @param challenge the {@code WWW-Authenticate} value of a 401
 * @param groupPerUser whether a signed-in user's connections share one session group, across
 *     browsers and devices
 */
public record UserConfig(
        boolean refused, String signInPath, String challenge, boolean groupPerUser) {

    /** An open page, groups per browser. */
    public static final UserConfig NONE = new UserConfig(false, null, null, false);

    /** The rules of {@code users}; {@link #NONE} for {@code null} (no users). */
    public static UserConfig of(Authenticator users) {
        if (users == null) {
            return NONE;
        }
        Authenticator.Refusal r = users.refusal();
        return new UserConfig(
                r.refuses(),
                r.signInPath(),
                r.challenge(),
                users.sessionGroups() == Authenticator.SessionGroups.PER_USER);
    }

    /**
     * The session group of signed-in {@code userId}: {@code u-} and the base64url SHA-256 of the id
     * (the shape of a session cookie, never the id itself).
     */
    public static String groupOf(String userId) {
        try {
            byte[] h =
                    MessageDigest.getInstance("SHA-256")
                            .digest(("lvt-user|" + userId).getBytes(StandardCharsets.UTF_8));
            return "u-" + Base64.getUrlEncoder().withoutPadding().encodeToString(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
