package io.github.livetemplate.undertow.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Internal: the sign-in rules of one live page handler.
 *
 * @param signInPath where anonymous page loads are sent, or {@code null} when the page is open
 * @param challenge the {@code WWW-Authenticate} value of a 401
 * @param groupPerUser whether a signed-in user's connections share one session group, across
 *     browsers and devices
 */
public record UserConfig(String signInPath, String challenge, boolean groupPerUser) {

    /** An open page, groups per browser. */
    public static final UserConfig NONE = new UserConfig(null, null, false);

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
