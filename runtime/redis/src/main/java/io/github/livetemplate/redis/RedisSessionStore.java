package io.github.livetemplate.redis;

import io.github.livetemplate.runtime.HealthCheck;
import io.github.livetemplate.runtime.session.SessionStore;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.GetExParams;

/**
 * A {@link SessionStore} in Redis (Jedis), shared by every instance using the same Redis: key
 * {@code livetemplate:session:{groupId}|{page path}} (the Go reference's key with the page added,
 * so that pages sharing the store keep their components apart), value the raw JSON bytes. The TTL
 * (default 24 hours) is set on every save and refreshed on every load ({@code GETEX … EX}).
 *
 * <p>Failures never break a page: when Redis cannot be reached (or answers with an error) within
 * the timeout (default 2 s), a load returns {@code null} (the page starts from its initial values)
 * and a save is skipped. Each failure is counted ({@link #failures()}); the first of an outage is
 * logged as a warning, the others are not until a call succeeds again, which is logged with their
 * number. Close the store when the application stops.
 */
public final class RedisSessionStore implements SessionStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.livetemplate");

    /** The key prefix, as in the Go reference. */
    public static final String KEY_PREFIX = "livetemplate:session:";

    /** The commands client: the store's own (built from a deployment) or the application's. */
    private final Supplier<UnifiedJedis> commands;

    /** Closes the store's own client; nothing for the application's. */
    private final Runnable closer;

    private final long ttlSeconds;
    private final String redacted;

    /** Calls that failed and were counted instead of thrown: {@link #failures()}. */
    private final AtomicLong failures = new AtomicLong();

    /** Whether the last call failed (an outage is logged when it starts and when it ends). */
    private final AtomicBoolean failing = new AtomicBoolean();

    /** Failures since the outage began. */
    private final AtomicLong failuresInOutage = new AtomicLong();

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
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("need a positive timeout");
        }
        this.ttlSeconds = ttlSeconds(ttl);
        this.redacted = deployment.toString();
        RedisDeployment.Client client = deployment.connect(timeout, timeout, 32, "lvt-store");
        this.commands = client::commands;
        this.closer = client::close;
    }

    /**
     * A store on the application's own Jedis client: a {@code JedisPooled}, {@code JedisSentineled}
     * or {@code JedisCluster} (any {@link UnifiedJedis}). Its configuration (timeouts, pool, TLS,
     * credentials) applies as it is: give it a socket timeout, or a hung Redis holds the request
     * that loads a page for as long as the operating system keeps the connection. The application
     * keeps owning it: {@link #close()} does not close it.
     *
     * @param ttl how long a group's state is kept after its last load or save
     */
    public RedisSessionStore(UnifiedJedis client, Duration ttl) {
        Objects.requireNonNull(client, "client");
        this.ttlSeconds = ttlSeconds(ttl);
        this.redacted = "the application's " + client.getClass().getSimpleName();
        this.commands = () -> client;
        this.closer = () -> {};
    }

    private static long ttlSeconds(Duration ttl) {
        if (ttl.toSeconds() < 1) {
            throw new IllegalArgumentException("need a TTL of at least 1 s");
        }
        return ttl.toSeconds();
    }

    /** The Redis key of store key {@code groupId} (a session group and page). */
    public static String key(String groupId) {
        return KEY_PREFIX + groupId;
    }

    @Override
    public byte[] load(String groupId) {
        try {
            byte[] json =
                    commands.get().getEx(bytes(key(groupId)), new GetExParams().ex(ttlSeconds));
            succeeded();
            return json;
        } catch (RuntimeException e) {
            failed("load failed; pages start from their initial values", e);
            return null;
        }
    }

    @Override
    public void save(String groupId, byte[] json) {
        try {
            commands.get().setex(bytes(key(groupId)), ttlSeconds, json);
            succeeded();
        } catch (RuntimeException e) {
            failed("save skipped", e);
        }
    }

    /** {@code SET … PX ttl}: kept for {@code ttl} (at least 1 ms), not the store's TTL. */
    @Override
    public void saveBriefly(String key, byte[] json, Duration ttl) {
        try {
            commands.get().psetex(bytes(key(key)), Math.max(1, ttl.toMillis()), json);
            succeeded();
        } catch (RuntimeException e) {
            failed("save skipped", e);
        }
    }

    /** {@code GETDEL}: of the instances asking at once, one gets the value. */
    @Override
    public byte[] take(String key) {
        try {
            byte[] json = commands.get().getDel(bytes(key(key)));
            succeeded();
            return json;
        } catch (RuntimeException e) {
            failed("take failed", e);
            return null;
        }
    }

    @Override
    public void delete(String groupId) {
        try {
            commands.get().del(bytes(key(groupId)));
            succeeded();
        } catch (RuntimeException e) {
            failed("delete failed", e);
        }
    }

    /** Counts a failure; logs the first of an outage (a flood of page loads logs one line). */
    private void failed(String what, RuntimeException e) {
        failures.incrementAndGet();
        failuresInOutage.incrementAndGet();
        if (failing.compareAndSet(false, true)) {
            LOG.warn(
                    "Redis session store {}: {} ({}). Further failures are counted (failures()) and"
                            + " not logged until a call succeeds.",
                    redacted,
                    what,
                    e.toString());
        }
    }

    /** Ends an outage, if one was logged. */
    private void succeeded() {
        if (failing.get() && failing.compareAndSet(true, false)) {
            LOG.info(
                    "Redis session store {} works again ({} calls failed meanwhile)",
                    redacted,
                    failuresInOutage.getAndSet(0));
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
                String pong = commands.get().ping();
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
        closer.run();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RedisSessionStore[" + redacted + "]";
    }
}
