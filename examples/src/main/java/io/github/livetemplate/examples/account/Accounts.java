package io.github.livetemplate.examples.account;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The example's user accounts, in memory: an e-mail address, a display name and a password hash
 * (PBKDF2 with HMAC-SHA256 from the JDK, a random 16-byte salt per account, 210 000 iterations).
 * Passwords are never stored; a check against an unknown address still runs one hash, so timing
 * does not tell which addresses exist. Thread-safe; at most {@value #MAX_ACCOUNTS} accounts.
 */
public final class Accounts {
    /** The bound of this in-memory store. */
    public static final int MAX_ACCOUNTS = 10_000;

    private static final int ITERATIONS = 210_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One account. */
    public record Account(String email, String name, byte[] salt, byte[] hash) {}

    private final Map<String, Account> byEmail = new ConcurrentHashMap<>();
    private final byte[] dummySalt = new byte[16];

    public Accounts() {
        RANDOM.nextBytes(dummySalt);
    }

    /** The normal form of an e-mail address as a key: trimmed, lower case. */
    public static String key(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    /** Creates an account; {@code false} when the address is taken or the store is full. */
    public boolean create(String email, String name, char[] password) {
        if (byEmail.size() >= MAX_ACCOUNTS) {
            return false;
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Account a = new Account(key(email), name, salt, hash(password, salt));
        return byEmail.putIfAbsent(a.email(), a) == null;
    }

    /** Whether an account uses {@code email}. */
    public boolean exists(String email) {
        return byEmail.containsKey(key(email));
    }

    /** The account of {@code email} when {@code password} is its password. */
    public Optional<Account> check(String email, char[] password) {
        Account a = byEmail.get(key(email));
        byte[] given = hash(password, a == null ? dummySalt : a.salt());
        return a != null && MessageDigest.isEqual(given, a.hash())
                ? Optional.of(a)
                : Optional.empty();
    }

    /** The account of {@code email}, if any. */
    public Optional<Account> find(String email) {
        return Optional.ofNullable(byEmail.get(key(email)));
    }

    private static byte[] hash(char[] password, byte[] salt) {
        try {
            KeySpec spec = new PBEKeySpec(password, salt, ITERATIONS, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }
}
