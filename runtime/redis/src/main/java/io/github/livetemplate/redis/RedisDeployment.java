package io.github.livetemplate.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;

/**
 * Where the Redis of {@link RedisBroadcaster} and {@link RedisSessionStore} runs: one server
 * ({@link #standalone}), a master watched by Redis Sentinel ({@link #sentinel}) or a Redis Cluster
 * ({@link #cluster}). It holds addresses and credentials only; each component builds its own Jedis
 * client from it ({@code JedisPooled}, {@code JedisSentineled} or {@code JedisCluster}) with its
 * own timeouts, because the broadcaster needs bounded calls and a dedicated subscriber connection
 * that a client built elsewhere would not give it.
 *
 * <pre>{@code
 * RedisDeployment redis = RedisDeployment.sentinel("mymaster", "10.0.0.1:26379", "10.0.0.2:26379")
 *         .withCredentials(null, System.getenv("REDIS_PASSWORD"));
 * Broadcaster b = new RedisBroadcaster(redis, RedisBroadcaster.Options.defaults());
 * SessionStore s = new RedisSessionStore(redis, Duration.ofHours(24), Duration.ofSeconds(2));
 * }</pre>
 *
 * <p>See {@code docs/scaling.md} for what each deployment does during a failover.
 */
public final class RedisDeployment {

    /** The shape of the deployment. */
    public enum Kind {
        STANDALONE,
        SENTINEL,
        CLUSTER
    }

    private final Kind kind;
    private final List<HostAndPort> nodes; // the server; the sentinels; the cluster's seed nodes
    private final String masterName;
    private final String user;
    private final String password;
    private final int database;
    private final boolean ssl;
    private final String sentinelUser;
    private final String sentinelPassword;

    private RedisDeployment(
            Kind kind,
            List<HostAndPort> nodes,
            String masterName,
            String user,
            String password,
            int database,
            boolean ssl,
            String sentinelUser,
            String sentinelPassword) {
        this.kind = kind;
        this.nodes = List.copyOf(nodes);
        this.masterName = masterName;
        this.user = user;
        this.password = password;
        this.database = database;
        this.ssl = ssl;
        this.sentinelUser = sentinelUser;
        this.sentinelPassword = sentinelPassword;
    }

    /**
     * One Redis server: {@code redis://host:port}, {@code redis://:password@host:port/db}, {@code
     * redis://user:password@host:port/db}, {@code rediss://…} for TLS, or a bare {@code host:port}.
     */
    public static RedisDeployment standalone(String url) {
        Endpoint e = Endpoint.parse(url);
        return new RedisDeployment(
                Kind.STANDALONE,
                List.of(e.hostAndPort()),
                null,
                e.user(),
                e.password(),
                e.database(),
                e.ssl(),
                null,
                null);
    }

    /**
     * The master named {@code masterName}, found through the given sentinels ({@code host:port},
     * port 26379 when omitted). The master's credentials are set with {@link #withCredentials}, the
     * sentinels' with {@link #withSentinelCredentials}.
     */
    public static RedisDeployment sentinel(String masterName, String... sentinels) {
        if (masterName == null || masterName.isBlank()) {
            throw new IllegalArgumentException("need the master's name");
        }
        return new RedisDeployment(
                Kind.SENTINEL,
                addresses(sentinels, 26379),
                masterName,
                null,
                null,
                0,
                false,
                null,
                null);
    }

    /**
     * A Redis Cluster reached through any of the given seed nodes ({@code host:port}, port 6379
     * when omitted); the others are discovered.
     */
    public static RedisDeployment cluster(String... seedNodes) {
        return new RedisDeployment(
                Kind.CLUSTER, addresses(seedNodes, 6379), null, null, null, 0, false, null, null);
    }

    /** The same deployment with these credentials for the data nodes ({@code user} may be null). */
    public RedisDeployment withCredentials(String user, String password) {
        return new RedisDeployment(
                kind,
                nodes,
                masterName,
                user,
                password,
                database,
                ssl,
                sentinelUser,
                sentinelPassword);
    }

    /** The same Sentinel deployment with credentials for the sentinels themselves. */
    public RedisDeployment withSentinelCredentials(String user, String password) {
        if (kind != Kind.SENTINEL) {
            throw new IllegalStateException("not a Sentinel deployment");
        }
        return new RedisDeployment(
                kind, nodes, masterName, this.user, this.password, database, ssl, user, password);
    }

    /** The same deployment over TLS ({@code true}) or plain TCP. */
    public RedisDeployment withSsl(boolean ssl) {
        return new RedisDeployment(
                kind,
                nodes,
                masterName,
                user,
                password,
                database,
                ssl,
                sentinelUser,
                sentinelPassword);
    }

    public Kind kind() {
        return kind;
    }

    /** For logs: the kind and addresses, never a password. */
    @Override
    public String toString() {
        String scheme = ssl ? "rediss://" : "redis://";
        return switch (kind) {
            case STANDALONE -> scheme + nodes.get(0) + (database != 0 ? "/" + database : "");
            case SENTINEL -> "sentinel " + masterName + "@" + nodes;
            case CLUSTER -> "cluster " + nodes;
        };
    }

    private static List<HostAndPort> addresses(String[] hostPorts, int defaultPort) {
        if (hostPorts == null || hostPorts.length == 0) {
            throw new IllegalArgumentException("need at least one host:port");
        }
        List<HostAndPort> out = new ArrayList<>();
        for (String hp : hostPorts) {
            Objects.requireNonNull(hp, "host:port");
            String s = hp.trim();
            int colon = s.lastIndexOf(':');
            try {
                out.add(
                        colon < 0
                                ? new HostAndPort(s, defaultPort)
                                : new HostAndPort(
                                        s.substring(0, colon),
                                        Integer.parseInt(s.substring(colon + 1))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not host:port: " + hp);
            }
            if (out.get(out.size() - 1).getHost().isEmpty()) {
                throw new IllegalArgumentException("no host in " + hp);
            }
        }
        return out;
    }

    /**
     * A client on this deployment with the caller's timeouts. Jedis' Sentinel and Cluster clients
     * must reach a sentinel or node when they are built; the client builds them on first use and
     * again after a failure, so that a component never fails to start because Redis is down.
     */
    Client connect(Duration connectTimeout, Duration socketTimeout, int poolSize, String name) {
        return new Client(this, connectTimeout, socketTimeout, poolSize, name);
    }

    /** The configuration of one connection to a data node (pooled or the subscriber's). */
    JedisClientConfig clientConfig(Duration connectTimeout, Duration socketTimeout, String name) {
        DefaultJedisClientConfig.Builder b =
                DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(Client.millis(connectTimeout))
                        .socketTimeoutMillis(Client.millis(socketTimeout))
                        .ssl(ssl)
                        .clientName(name);
        if (kind != Kind.CLUSTER) {
            b.database(database); // a cluster has database 0 only
        }
        if (password != null) {
            b.user(user).password(password);
        }
        return b.build();
    }

    /** What the broadcaster and the store need from Redis, whatever the deployment. */
    static final class Client implements AutoCloseable {
        private final RedisDeployment d;
        private final JedisClientConfig config;
        private final GenericObjectPoolConfig<Connection> poolConfig;
        private final int connectMillis;
        private final AtomicInteger nextNode = new AtomicInteger();
        private final Object buildLock = new Object();
        private volatile UnifiedJedis jedis;
        private volatile boolean closed;

        // A failed build (no sentinel or node reachable) is not retried before this delay, which
        // doubles from 500 ms to 5 s: Jedis logs every failed attempt with a stack trace, and
        // callers (publishes, the subscriber's reconnect loop) would otherwise retry at once.
        private RuntimeException lastFailure;
        private long retryAtNanos;
        private long retryDelayMillis = MIN_RETRY_MILLIS;
        static final long MIN_RETRY_MILLIS = 500;
        static final long MAX_RETRY_MILLIS = 5000;

        private Client(
                RedisDeployment d,
                Duration connectTimeout,
                Duration socketTimeout,
                int poolSize,
                String name) {
            this.d = d;
            this.connectMillis = millis(connectTimeout);
            this.config = d.clientConfig(connectTimeout, socketTimeout, name);
            this.poolConfig = new GenericObjectPoolConfig<>();
            poolConfig.setMaxTotal(poolSize);
            poolConfig.setMaxIdle(poolSize);
            poolConfig.setMinIdle(0);
            poolConfig.setMaxWait(socketTimeout);
            poolConfig.setBlockWhenExhausted(true);
            poolConfig.setTestOnBorrow(false);
            poolConfig.setJmxEnabled(false);
        }

        private static int millis(Duration t) {
            return (int) Math.min(Integer.MAX_VALUE, Math.max(1, t.toMillis()));
        }

        /** The commands client (publish, get/set, ping), built on first use. */
        UnifiedJedis commands() {
            UnifiedJedis j = jedis;
            if (j != null) {
                return j;
            }
            synchronized (buildLock) {
                if (closed) {
                    throw new IllegalStateException("closed");
                }
                if (jedis == null) {
                    long now = System.nanoTime();
                    if (lastFailure != null && now < retryAtNanos) {
                        throw lastFailure;
                    }
                    try {
                        jedis = build();
                        lastFailure = null;
                        retryDelayMillis = MIN_RETRY_MILLIS;
                    } catch (RuntimeException e) {
                        lastFailure = e;
                        retryAtNanos = now + retryDelayMillis * 1_000_000L;
                        retryDelayMillis = Math.min(MAX_RETRY_MILLIS, retryDelayMillis * 2);
                        throw e;
                    }
                }
                return jedis;
            }
        }

        private UnifiedJedis build() {
            return switch (d.kind) {
                case STANDALONE -> new JedisPooled(d.nodes.get(0), config, poolConfig);
                case SENTINEL -> {
                    DefaultJedisClientConfig.Builder s =
                            DefaultJedisClientConfig.builder()
                                    .connectionTimeoutMillis(connectMillis)
                                    .socketTimeoutMillis(connectMillis)
                                    .ssl(d.ssl);
                    if (d.sentinelPassword != null) {
                        s.user(d.sentinelUser).password(d.sentinelPassword);
                    }
                    yield new JedisSentineled(
                            d.masterName,
                            config,
                            poolConfig,
                            new LinkedHashSet<>(d.nodes),
                            s.build());
                }
                case CLUSTER ->
                        new JedisCluster(new LinkedHashSet<>(d.nodes), config, 3, poolConfig);
            };
        }

        /**
         * Where a subscriber connection should go now: the server, the current master, or the next
         * cluster node in turn (a classic SUBSCRIBE on any cluster node receives every PUBLISH).
         */
        HostAndPort subscriberNode() {
            return switch (d.kind) {
                case STANDALONE -> d.nodes.get(0);
                case SENTINEL -> ((JedisSentineled) commands()).getCurrentMaster();
                case CLUSTER -> {
                    List<String> known =
                            new ArrayList<>(((JedisCluster) commands()).getClusterNodes().keySet());
                    if (known.isEmpty()) {
                        yield d.nodes.get(
                                Math.floorMod(nextNode.getAndIncrement(), d.nodes.size()));
                    }
                    known.sort(null);
                    yield HostAndPort.from(
                            known.get(Math.floorMod(nextNode.getAndIncrement(), known.size())));
                }
            };
        }

        /** Drops idle pooled connections after an outage (they are dead too). */
        void clearIdle() {
            if (jedis instanceof JedisPooled p) {
                p.getPool().clear();
            }
        }

        @Override
        public void close() {
            UnifiedJedis j;
            synchronized (buildLock) {
                closed = true;
                j = jedis;
                jedis = null;
            }
            if (j != null) {
                j.close();
            }
        }

        @Override
        public String toString() {
            return d.toString();
        }
    }

    /** One server's address, parsed from a {@code redis://} URL. */
    record Endpoint(
            HostAndPort hostAndPort, String user, String password, int database, boolean ssl) {
        static Endpoint parse(String url) {
            Objects.requireNonNull(url, "url");
            String u = url.trim();
            if (!u.contains("://")) {
                u = "redis://" + u;
            }
            URI uri;
            try {
                uri = URI.create(u);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid Redis URL: " + redact(url), e);
            }
            String scheme = uri.getScheme();
            if (!"redis".equalsIgnoreCase(scheme) && !"rediss".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException(
                        "Redis URL must start with redis:// or rediss://: " + redact(url));
            }
            String host = uri.getHost();
            if (host == null || host.isEmpty()) {
                throw new IllegalArgumentException("Redis URL has no host: " + redact(url));
            }
            int port = uri.getPort() < 0 ? 6379 : uri.getPort();
            String user = null;
            String password = null;
            String info = uri.getRawUserInfo();
            if (info != null && !info.isEmpty()) {
                int colon = info.indexOf(':');
                if (colon < 0) {
                    password = decode(info); // redis://secret@host
                } else {
                    user = colon == 0 ? null : decode(info.substring(0, colon));
                    password = decode(info.substring(colon + 1));
                }
            }
            int db = 0;
            String path = uri.getPath();
            if (path != null && path.length() > 1) {
                try {
                    db = Integer.parseInt(path.substring(1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "Redis URL path must be a database number: " + redact(url));
                }
            }
            return new Endpoint(
                    new HostAndPort(host, port),
                    user,
                    password,
                    db,
                    "rediss".equalsIgnoreCase(scheme));
        }

        private static String decode(String s) {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        }

        static String redact(String url) {
            return url.replaceAll("//[^@/]*@", "//***@");
        }

        @Override
        public String toString() {
            return (ssl ? "rediss://" : "redis://")
                    + hostAndPort
                    + (database != 0 ? "/" + database : "");
        }
    }
}
