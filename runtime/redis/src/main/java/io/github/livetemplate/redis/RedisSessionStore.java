package io.github.livetemplate.redis;

import io.github.livetemplate.runtime.HealthCheck;
import io.github.livetemplate.runtime.session.SessionStore;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.params.GetExParams;

/**
 * A {@link SessionStore} in Redis (Jedis), shared by every instance using the same Redis: key
 * {@code livetemplate:session:{groupId}|{page path}} (the Go reference's key with the page added,
 * so that pages sharing the store keep their components apart), value the raw JSON bytes. The TTL
 * (default 24 hours) is set on every save and refreshed on every load ({@code GETEX … EX}).
 *
 * <p>Failures never break a page: when Redis cannot be reached (or answers with an error) within
 * the timeout (default 2 s), a load logs a warning and returns {@code null} (the page starts from
 * its initial values) and a save logs a warning and is skipped. Close the store when the
 * application stops.
 */
public final class RedisSessionStore implements SessionStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.livetemplate");

    /** The key prefix, as in the Go reference. */
    public static final String KEY_PREFIX = "livetemplate:session:";

    private final RedisDeployment.Client client;
    private final long ttlSeconds;
    private final String redacted;

    /** Calls that failed and were logged instead of thrown: {@link #failures()}. */
    private final AtomicLong failures = new AtomicLong();

    /**
     * A store on {@code redis://[user:password@]host[:port][/db]} with a 24 h TTL and 2 s timeout.
     */
    public RedisSessionStore(String url) {
        this(url, Duration.ofHours(24), Duration.ofSeconds(2));
    }

    /**
     * @param url {@code redis://} or {@code rediss://} URL
     * @param ttl how long a group's state is kept after its last load or save
     * @param timeout connect and read timeout of one call, and longest wait for a pooled connection
     */
    public RedisSessionStore(String url, Duration ttl, Duration timeout) {
        this(RedisDeployment.standalone(url), ttl, timeout);
    }

    /**
     * A store on a standalone server, a Sentinel-watched master or a Cluster (where each key lives
     * on the node of its hash slot).
     *
     * @param ttl how long a group's state is kept after its last load or save
     * @param timeout connect and read timeout of one call, and longest wait for a pooled connection
     */
    public RedisSessionStore(RedisDeployment deployment, Duration ttl, Duration timeout) {
        Objects.requireNonNull(deployment, "deployment");
        if (ttl.toSeconds() < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("need a TTL of at least 1 s and a positive timeout");
        }
        this.ttlSeconds = ttl.toSeconds();
        this.redacted = deployment.toString();
        this.client = deployment.connect(timeout, timeout, 32, "lvt-store");
    }

    /** The Redis key of store key {@code groupId} (a session group and page). */
    public static String key(String groupId) {
        return KEY_PREFIX + groupId;
    }

    @Override
    public byte[] load(String groupId) {
        try {
            return client.commands().getEx(bytes(key(groupId)), new GetExParams().ex(ttlSeconds));
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.warn(
                    "Redis session store "
                            + redacted
                            + ": load failed; the page starts"
                            + " from its initial values ("
                            + e
                            + ")");
            return null;
        }
    }

    @Override
    public void save(String groupId, byte[] json) {
        try {
            client.commands().setex(bytes(key(groupId)), ttlSeconds, json);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.warn("Redis session store " + redacted + ": save skipped (" + e + ")");
        }
    }

    /** {@code SET … PX ttl}: kept for {@code ttl} (at least 1 ms), not the store's TTL. */
    @Override
    public void saveBriefly(String key, byte[] json, Duration ttl) {
        try {
            client.commands().psetex(bytes(key(key)), Math.max(1, ttl.toMillis()), json);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.warn("Redis session store " + redacted + ": save skipped (" + e + ")");
        }
    }

    /** {@code GETDEL}: of the instances asking at once, one gets the value. */
    @Override
    public byte[] take(String key) {
        try {
            return client.commands().getDel(bytes(key(key)));
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.warn("Redis session store " + redacted + ": take failed (" + e + ")");
            return null;
        }
    }

    @Override
    public void delete(String groupId) {
        try {
            client.commands().del(bytes(key(groupId)));
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.warn("Redis session store " + redacted + ": delete failed (" + e + ")");
        }
    }

    @Override
    public long failures() {
        return failures.get();
    }

    /**
     * A readiness check sending {@code PING} to this store's Redis; unlike {@link #load} it throws
     * when Redis does not answer within the store's timeout.
     */
    public HealthCheck healthCheck() {
        return () -> {
            try {
                String pong = client.commands().ping();
                if (!"PONG".equals(pong)) {
                    throw new IllegalStateException("unexpected PING answer: " + pong);
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException("Redis " + redacted + ": " + e.getMessage(), e);
            }
        };
    }

    @Override
    public void close() {
        client.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RedisSessionStore[" + redacted + "]";
    }
}
