package io.github.livetemplate.redis;

import io.github.livetemplate.runtime.HealthCheck;
import io.github.livetemplate.runtime.session.SessionStore;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
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

    private final JedisPool pool;
    private final long ttlSeconds;
    private final String redacted;

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
        Objects.requireNonNull(url, "url");
        if (ttl.toSeconds() < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("need a TTL of at least 1 s and a positive timeout");
        }
        String u = url.trim().contains("://") ? url.trim() : "redis://" + url.trim();
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid Redis URL: " + redact(url), e);
        }
        if (uri.getScheme() == null
                || !uri.getScheme().matches("(?i)rediss?")
                || uri.getHost() == null) {
            throw new IllegalArgumentException("not a redis:// URL: " + redact(url));
        }
        if (uri.getPort() < 0) {
            uri =
                    URI.create(
                            uri.getScheme()
                                    + "://"
                                    + (uri.getRawUserInfo() == null
                                            ? ""
                                            : uri.getRawUserInfo() + "@")
                                    + uri.getHost()
                                    + ":6379"
                                    + (uri.getRawPath() == null ? "" : uri.getRawPath()));
        }
        this.ttlSeconds = ttl.toSeconds();
        this.redacted = redact(url);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        GenericObjectPoolConfig<Jedis> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(32);
        config.setMaxWait(timeout);
        config.setJmxEnabled(false);
        this.pool = new JedisPool(config, uri, millis, millis);
    }

    /** The Redis key of store key {@code groupId} (a session group and page). */
    public static String key(String groupId) {
        return KEY_PREFIX + groupId;
    }

    @Override
    public byte[] load(String groupId) {
        try (Jedis j = pool.getResource()) {
            return j.getEx(bytes(key(groupId)), new GetExParams().ex(ttlSeconds));
        } catch (RuntimeException e) {
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
        try (Jedis j = pool.getResource()) {
            j.setex(bytes(key(groupId)), ttlSeconds, json);
        } catch (RuntimeException e) {
            LOG.warn("Redis session store " + redacted + ": save skipped (" + e + ")");
        }
    }

    /** {@code SET … PX ttl}: kept for {@code ttl} (at least 1 ms), not the store's TTL. */
    @Override
    public void saveBriefly(String key, byte[] json, Duration ttl) {
        try (Jedis j = pool.getResource()) {
            j.psetex(bytes(key(key)), Math.max(1, ttl.toMillis()), json);
        } catch (RuntimeException e) {
            LOG.warn("Redis session store " + redacted + ": save skipped (" + e + ")");
        }
    }

    /** {@code GETDEL}: of the instances asking at once, one gets the value. */
    @Override
    public byte[] take(String key) {
        try (Jedis j = pool.getResource()) {
            return j.getDel(bytes(key(key)));
        } catch (RuntimeException e) {
            LOG.warn("Redis session store " + redacted + ": take failed (" + e + ")");
            return null;
        }
    }

    @Override
    public void delete(String groupId) {
        try (Jedis j = pool.getResource()) {
            j.del(bytes(key(groupId)));
        } catch (RuntimeException e) {
            LOG.warn("Redis session store " + redacted + ": delete failed (" + e + ")");
        }
    }

    /**
     * A readiness check sending {@code PING} to this store's Redis; unlike {@link #load} it throws
     * when Redis does not answer within the store's timeout.
     */
    public HealthCheck healthCheck() {
        return () -> {
            try (Jedis j = pool.getResource()) {
                String pong = j.ping();
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
        pool.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String redact(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }

    @Override
    public String toString() {
        return "RedisSessionStore[" + redacted + "]";
    }
}
