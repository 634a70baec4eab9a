package io.github.livetemplate.runtime.engine;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Internal: the CSRF tokens of native form posts (docs/runtime.md, "Security"). A session group's
 * token is {@code base64url(HMAC-SHA256(secret, "lvt-csrf|" + group))}: only this server can make
 * it, and it is worth nothing for another session group. The processor puts a hidden field with
 * {@link #PLACEHOLDER} into every {@code <form method="post">}; {@link #stamp} replaces the
 * placeholder with the group's token in every page, tree and update before it is sent.
 *
 * <p>After a secret rotation the previous secret's tokens are still accepted until its grace period
 * ends, so that pages rendered before the rotation can still be submitted. Checks compare in
 * constant time. Thread-safe and immutable.
 */
public final class CsrfTokens {

    /** The value of the hidden field in templates; the same as the processor's. */
    public static final String PLACEHOLDER = "~lvt-csrf-token~";

    /** The name of the hidden field. */
    public static final String FIELD = "lvt-csrf";

    private static final byte[] MARK = PLACEHOLDER.getBytes(StandardCharsets.US_ASCII);
    private static final String ALGORITHM = "HmacSHA256";

    private static final byte[] JVM_SECRET = new byte[32];

    static {
        new SecureRandom().nextBytes(JVM_SECRET);
    }

    private final SecretKeySpec current;
    private final SecretKeySpec previous;
    private final long previousUntilMillis;
    private final LongSupplier clock;

    private CsrfTokens(
            byte[] current, byte[] previous, long previousUntilMillis, LongSupplier clock) {
        this.current = key(current);
        this.previous = previous == null ? null : key(previous);
        this.previousUntilMillis = previousUntilMillis;
        this.clock = clock;
    }

    /** Tokens signed with a random secret of this JVM (one instance; lost on restart). */
    public static CsrfTokens perJvm() {
        return new CsrfTokens(JVM_SECRET, null, 0, System::currentTimeMillis);
    }

    /**
     * Tokens signed with {@code secret} (at least 32 bytes); tokens of {@code previous} (or {@code
     * null}) are accepted until {@code previousUntilMillis} (epoch milliseconds of {@code clock}).
     */
    public static CsrfTokens of(
            byte[] secret, byte[] previous, long previousUntilMillis, LongSupplier clock) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < 32 || (previous != null && previous.length < 32)) {
            throw new IllegalArgumentException("a CSRF secret needs at least 32 bytes");
        }
        return new CsrfTokens(
                secret.clone(),
                previous == null ? null : previous.clone(),
                previousUntilMillis,
                Objects.requireNonNull(clock, "clock"));
    }

    private static SecretKeySpec key(byte[] secret) {
        return new SecretKeySpec(secret, ALGORITHM);
    }

    /** The token of session group {@code group}. */
    public String token(String group) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(current, group));
    }

    /**
     * Whether {@code token} is {@code group}'s, under the current or (in its grace) the previous
     * secret.
     */
    public boolean valid(String group, String token) {
        if (group == null || group.isEmpty() || token == null || token.length() > 128) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean ok = MessageDigest.isEqual(given, mac(current, group));
        if (previous != null && clock.getAsLong() < previousUntilMillis) {
            ok |= MessageDigest.isEqual(given, mac(previous, group));
        }
        return ok;
    }

    private static byte[] mac(SecretKeySpec key, String group) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(("lvt-csrf|" + group).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** {@code bytes} with every {@link #PLACEHOLDER} replaced by {@code group}'s token. */
    public byte[] stamp(byte[] bytes, String group) {
        int at = indexOf(bytes, 0);
        if (at < 0) {
            return bytes;
        }
        byte[] token = token(group).getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream out =
                new java.io.ByteArrayOutputStream(bytes.length + token.length);
        int from = 0;
        while (at >= 0) {
            out.write(bytes, from, at - from);
            out.write(token, 0, token.length);
            from = at + MARK.length;
            at = indexOf(bytes, from);
        }
        out.write(bytes, from, bytes.length - from);
        return out.toByteArray();
    }

    private static int indexOf(byte[] b, int from) {
        int last = b.length - MARK.length;
        for (int i = from; i <= last; i++) {
            if (b[i] == '~'
                    && b[i + 1] == 'l'
                    && Arrays.equals(b, i, i + MARK.length, MARK, 0, MARK.length)) {
                return i;
            }
        }
        return -1;
    }
}
