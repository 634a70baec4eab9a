package io.github.livetemplate.redis;

import io.github.livetemplate.runtime.HealthCheck;
import io.github.livetemplate.runtime.pubsub.AbstractBroadcaster;
import io.github.livetemplate.runtime.pubsub.BroadcastException;
import io.github.livetemplate.runtime.pubsub.Broadcaster;
import io.github.livetemplate.runtime.pubsub.Channels;
import io.github.livetemplate.runtime.pubsub.InProcessBroadcaster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@link Broadcaster} over Redis pub/sub (Jedis), wire compatible with the Go reference.
 *
 * <p><b>Connections.</b> One subscriber connection, pumped by a dedicated daemon thread ({@code
 * lvt-pubsub-redis-<instanceId>}) that delivers to listeners, plus a small pool for publishing. The
 * subscriber is always subscribed to {@code livetemplate:broadcast:global} (as in the reference),
 * which also keeps the connection in subscribed mode when nothing else is. Commands on the
 * subscriber connection (SUBSCRIBE, UNSUBSCRIBE, their pattern forms, PING) are written in order by
 * one writer thread ({@code lvt-pubsub-redis-writer-<instanceId>}), never with a lock held, so a
 * Redis that stops reading blocks only that thread.
 *
 * <p><b>Failures.</b> When the subscriber connection is lost (Redis stopped, network cut, or no
 * answer to the periodic health-check PING within three intervals) the outage is logged once at
 * {@code WARNING} on logger {@code io.github.livetemplate.pubsub}, and the thread reconnects with
 * exponential backoff and jitter ({@link Options#reconnectMinDelay()} doubling up to {@link
 * Options#reconnectMaxDelay()}) <b>for as long as it takes</b>. Once connected it re-subscribes
 * every reference-counted channel and re-pattern-subscribes every pattern, including those added
 * during the outage, and logs the recovery at {@code INFO}. Messages published by other instances
 * during the outage are lost (Redis pub/sub does not store them). Publishing while Redis is down
 * throws {@link BroadcastException} immediately (connection refused) or after at most {@link
 * Options#publishTimeout()} (plus as long again for a pooled connection when all are busy). A hung
 * Redis (connections accepted, nothing answered) holds no lock: subscribes wait at most {@link
 * Options#subscribeTimeout()}, publishes fail after {@link Options#publishTimeout()}, and the
 * health check counts the subscriber connection as lost after three intervals. The runtime calls
 * the broadcaster only from its own thread, never on a connection's or an action's path.
 *
 * <p>Construct from a URL: {@code redis://host:port}, {@code redis://:password@host:port/db},
 * {@code redis://user:password@host:port/db}, {@code rediss://…} for TLS, or a bare {@code
 * host:port}. The constructor never fails because Redis is unreachable; it waits at most {@link
 * Options#subscribeTimeout()} for the first connection and otherwise keeps trying in the
 * background.
 */
public final class RedisBroadcaster extends AbstractBroadcaster {

    /**
     * Tunables; start from {@link #defaults()} and use the {@code with…} methods.
     *
     * @param instanceId id sent in {@code instanceID}; default {@code java-<random UUID>}
     * @param subscribeTimeout longest a subscribe call waits for Redis to confirm (2 s)
     * @param publishTimeout connect/read timeout of a publish and longest wait for a pooled
     *     connection (2 s)
     * @param connectTimeout connect timeout of the subscriber connection (1 s)
     * @param reconnectMinDelay first reconnect delay (100 ms)
     * @param reconnectMaxDelay cap of the doubling reconnect delay (1 s); each delay is drawn
     *     uniformly from [d/2, d]
     * @param healthCheckInterval how often the subscriber connection is PINGed (5 s); no reply for
     *     three intervals counts as a lost connection
     * @param publishPoolSize maximum publishing connections (8)
     */
    public record Options(
            String instanceId,
            Duration subscribeTimeout,
            Duration publishTimeout,
            Duration connectTimeout,
            Duration reconnectMinDelay,
            Duration reconnectMaxDelay,
            Duration healthCheckInterval,
            int publishPoolSize) {

        public Options {
            Channels.requireId(instanceId, "instanceId");
            for (Duration d :
                    List.of(
                            subscribeTimeout,
                            publishTimeout,
                            connectTimeout,
                            reconnectMinDelay,
                            reconnectMaxDelay,
                            healthCheckInterval)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("durations must be positive: " + d);
                }
            }
            if (reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
                throw new IllegalArgumentException("reconnectMaxDelay < reconnectMinDelay");
            }
            if (publishPoolSize < 1) {
                throw new IllegalArgumentException("publishPoolSize must be >= 1");
            }
        }

        public static Options defaults() {
            return new Options(
                    "java-" + UUID.randomUUID(),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(1),
                    Duration.ofMillis(100),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(5),
                    8);
        }

        public Options withInstanceId(String v) {
            return new Options(
                    v,
                    subscribeTimeout,
                    publishTimeout,
                    connectTimeout,
                    reconnectMinDelay,
                    reconnectMaxDelay,
                    healthCheckInterval,
                    publishPoolSize);
        }

        public Options withSubscribeTimeout(Duration v) {
            return new Options(
                    instanceId,
                    v,
                    publishTimeout,
                    connectTimeout,
                    reconnectMinDelay,
                    reconnectMaxDelay,
                    healthCheckInterval,
                    publishPoolSize);
        }

        public Options withPublishTimeout(Duration v) {
            return new Options(
                    instanceId,
                    subscribeTimeout,
                    v,
                    connectTimeout,
                    reconnectMinDelay,
                    reconnectMaxDelay,
                    healthCheckInterval,
                    publishPoolSize);
        }

        public Options withConnectTimeout(Duration v) {
            return new Options(
                    instanceId,
                    subscribeTimeout,
                    publishTimeout,
                    v,
                    reconnectMinDelay,
                    reconnectMaxDelay,
                    healthCheckInterval,
                    publishPoolSize);
        }

        public Options withReconnectDelays(Duration min, Duration max) {
            return new Options(
                    instanceId,
                    subscribeTimeout,
                    publishTimeout,
                    connectTimeout,
                    min,
                    max,
                    healthCheckInterval,
                    publishPoolSize);
        }

        public Options withHealthCheckInterval(Duration v) {
            return new Options(
                    instanceId,
                    subscribeTimeout,
                    publishTimeout,
                    connectTimeout,
                    reconnectMinDelay,
                    reconnectMaxDelay,
                    v,
                    publishPoolSize);
        }

        public Options withPublishPoolSize(int v) {
            return new Options(
                    instanceId,
                    subscribeTimeout,
                    publishTimeout,
                    connectTimeout,
                    reconnectMinDelay,
                    reconnectMaxDelay,
                    healthCheckInterval,
                    v);
        }
    }

    private final RedisDeployment deployment;
    private final Options options;
    private final JedisClientConfig subscriberConfig;

    /** Publishing and PING; on a Sentinel or Cluster, also where the subscriber connects. */
    private final RedisDeployment.Client client;

    private final Thread pumpThread;
    private final ScheduledExecutorService healthCheck;

    /** Writes the commands on the subscriber connection, in the order they were queued. */
    private final ExecutorService writer;

    // Subscriber connection state; written under `lock` (pump thread and close()).
    private Connection connection;
    private volatile Pump pump;
    private volatile boolean ready;
    private long connectedAtNanos;
    private volatile HostAndPort subscriberNode;

    // Outage bookkeeping; pump thread only.
    private long outageStartNanos; // 0 = no outage in progress
    private int failedAttempts;
    private boolean everConnected;

    /** Connects to {@code url} with {@link Options#defaults()}. */
    public RedisBroadcaster(String url) {
        this(url, Options.defaults());
    }

    public RedisBroadcaster(String url, Options options) {
        this(RedisDeployment.standalone(url), options);
    }

    /**
     * A broadcaster on a standalone server, a Sentinel-watched master or a Cluster. On a Cluster it
     * uses classic PUBLISH/SUBSCRIBE, which reach every node (see {@code docs/scaling.md}).
     */
    public RedisBroadcaster(RedisDeployment deployment, Options options) {
        super(options.instanceId(), options.subscribeTimeout());
        this.options = options;
        this.deployment = Objects.requireNonNull(deployment, "deployment");
        this.client =
                deployment.connect(
                        options.connectTimeout().compareTo(options.publishTimeout()) < 0
                                ? options.connectTimeout()
                                : options.publishTimeout(),
                        options.publishTimeout(),
                        options.publishPoolSize(),
                        "lvt-pub-" + options.instanceId());
        this.subscriberConfig =
                deployment.clientConfig(
                        options.connectTimeout(),
                        options.connectTimeout(),
                        "lvt-sub-" + options.instanceId());

        this.healthCheck =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t =
                                    new Thread(
                                            r, "lvt-pubsub-redis-health-" + options.instanceId());
                            t.setDaemon(true);
                            return t;
                        });
        this.writer =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t =
                                    new Thread(
                                            r, "lvt-pubsub-redis-writer-" + options.instanceId());
                            t.setDaemon(true);
                            return t;
                        });
        long hc = options.healthCheckInterval().toMillis();
        healthCheck.scheduleWithFixedDelay(this::ping, hc, hc, TimeUnit.MILLISECONDS);

        this.pumpThread = new Thread(this::runPump, "lvt-pubsub-redis-" + options.instanceId());
        pumpThread.setDaemon(true);
        pumpThread.start();
        awaitFirstConnection(options.subscribeTimeout());
    }

    /**
     * The broadcaster a deployment asked for: a {@code RedisBroadcaster} when the environment
     * variable {@code REDIS_URL} is set and not blank, otherwise a stand-alone {@link
     * InProcessBroadcaster}.
     */
    public static Broadcaster fromEnvironment() {
        String url = System.getenv("REDIS_URL");
        return url == null || url.isBlank()
                ? new InProcessBroadcaster()
                : new RedisBroadcaster(url);
    }

    /** The Redis deployment this broadcaster talks to (password omitted). */
    public String endpoint() {
        return deployment.toString();
    }

    @Override
    public boolean isConnected() {
        return ready && !closed;
    }

    /**
     * A readiness check: healthy while the subscriber connection is up and Redis answers a {@code
     * PING} (on a publishing connection, within the publish timeout).
     */
    public HealthCheck healthCheck() {
        return () -> {
            if (!isConnected()) {
                throw new IllegalStateException(
                        "Redis " + deployment + ": subscriber connection is down");
            }
            try {
                String pong = client.commands().ping();
                if (!"PONG".equals(pong)) {
                    throw new IllegalStateException("unexpected PING answer: " + pong);
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException("Redis " + deployment + ": " + e.getMessage(), e);
            }
        };
    }

    private void awaitFirstConnection(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready && !closed && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---- publishing ----

    @Override
    protected void transportPublish(String channel, String json) {
        try {
            client.commands().publish(channel, json);
        } catch (JedisException | IllegalStateException e) {
            throw new BroadcastException(
                    "publish to "
                            + channel
                            + " failed: Redis at "
                            + deployment
                            + " is unavailable ("
                            + e.getMessage()
                            + ")",
                    e);
        }
    }

    // ---- subscription hooks (lock held) ----

    @Override
    protected void transportSubscribe(String channel) {
        if (Channels.GLOBAL_BROADCAST.equals(channel)) {
            if (ready) {
                confirmed(channel, false); // permanently subscribed
            }
            return;
        }
        if (ready) {
            send(p -> p.subscribe(channel));
        }
    }

    @Override
    protected void transportUnsubscribe(String channel) {
        if (ready && !Channels.GLOBAL_BROADCAST.equals(channel)) {
            send(p -> p.unsubscribe(channel));
        }
    }

    @Override
    protected void transportPSubscribe(String pattern) {
        if (ready) {
            send(p -> p.psubscribe(pattern));
        }
    }

    @Override
    protected void transportPUnsubscribe(String pattern) {
        if (ready) {
            send(p -> p.punsubscribe(pattern));
        }
    }

    /**
     * Queues a command for the current subscriber connection (called with {@code lock} held, so
     * commands are queued in registry order). The writer thread skips it if that connection has
     * been replaced meanwhile: a new connection subscribes from the registry itself. A failed write
     * forces a reconnect.
     */
    private void send(Consumer<Pump> command) {
        Pump target = pump;
        if (target == null) {
            return;
        }
        try {
            writer.execute(
                    () -> {
                        if (target != pump || closed) {
                            return;
                        }
                        try {
                            command.accept(target);
                        } catch (RuntimeException e) {
                            LOG.debug(
                                    "write on the Redis subscriber connection failed; reconnecting",
                                    e);
                            disconnect(target.connection);
                        }
                    });
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    private static void disconnect(Connection c) {
        try {
            c.disconnect(); // the pump's blocking read fails and the pump reconnects
        } catch (RuntimeException ignored) {
            // already broken
        }
    }

    private void dropConnection() {
        Connection c = connection;
        if (c != null) {
            disconnect(c);
        }
    }

    private void ping() {
        followMaster();
        lock.lock();
        try {
            if (ready && !closed) {
                send(Pump::ping);
            } else if (!closed && connection != null) {
                // Connected but the initial SUBSCRIBE is unanswered (Jedis reads it without a
                // timeout):
                // give up on this connection rather than wait forever.
                long waited = System.nanoTime() - connectedAtNanos;
                if (waited > options.connectTimeout().plus(options.subscribeTimeout()).toNanos()) {
                    LOG.debug(
                            "Redis did not confirm the subscriber connection's SUBSCRIBE; reconnecting");
                    dropConnection();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * On a Sentinel deployment, moves the subscriber to the new master after a failover (Sentinel
     * usually disconnects clients of the demoted master itself; this covers the case it does not).
     * Asks the Jedis client, which follows the sentinels' announcements, with no lock held.
     */
    private void followMaster() {
        HostAndPort at = subscriberNode;
        if (deployment.kind() != RedisDeployment.Kind.SENTINEL || at == null || !ready) {
            return;
        }
        try {
            HostAndPort master = client.subscriberNode();
            if (master != null && !master.equals(at)) {
                LOG.info(
                        "Redis master moved from "
                                + at
                                + " to "
                                + master
                                + "; moving the pub/sub connection");
                lock.lock();
                try {
                    dropConnection();
                } finally {
                    lock.unlock();
                }
            }
        } catch (RuntimeException e) {
            LOG.atDebug().log(() -> "cannot ask the sentinels for the master: " + e);
        }
    }

    // ---- the subscriber thread ----

    private void runPump() {
        while (!closed) {
            Connection c = null;
            try {
                HostAndPort node = client.subscriberNode();
                c = new Connection(node, subscriberConfig);
                c.connect();
                subscriberNode = node;
                Pump p = new Pump(c);
                String[] initial;
                lock.lock();
                try {
                    if (closed) {
                        break;
                    }
                    connection = c;
                    connectedAtNanos = System.nanoTime();
                    pump = p;
                    Set<String> snapshot = new LinkedHashSet<>();
                    snapshot.add(Channels.GLOBAL_BROADCAST);
                    snapshot.addAll(subscribedChannels());
                    p.sent = snapshot;
                    initial = snapshot.toArray(String[]::new);
                } finally {
                    lock.unlock();
                }
                p.proceed(c, initial); // blocks until the connection breaks or close()
                if (!closed) {
                    connectionLost(
                            new IllegalStateException(
                                    "subscriber connection left subscribed mode"));
                }
            } catch (RuntimeException e) {
                if (closed) {
                    break;
                }
                connectionLost(e);
            } finally {
                lock.lock();
                try {
                    ready = false;
                    connection = null;
                    pump = null;
                    unconfirmAll();
                } finally {
                    lock.unlock();
                }
                if (c != null) {
                    try {
                        c.close();
                    } catch (RuntimeException ignored) {
                        // broken anyway
                    }
                }
            }
            if (closed) {
                break;
            }
            try {
                Thread.sleep(nextDelayMillis());
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            }
        }
    }

    private long nextDelayMillis() {
        long min = options.reconnectMinDelay().toMillis();
        long max = options.reconnectMaxDelay().toMillis();
        int shift = Math.min(Math.max(failedAttempts - 1, 0), 20);
        long d = Math.min(max, min << shift);
        return d / 2 + ThreadLocalRandom.current().nextLong(d - d / 2 + 1);
    }

    private void connectionLost(RuntimeException cause) {
        failedAttempts++;
        if (outageStartNanos == 0) {
            outageStartNanos = System.nanoTime();
            countOutage();
            client.clearIdle(); // idle publish connections are dead too
            LOG.warn(
                    (everConnected
                                    ? "Redis pub/sub connection to " + deployment + " lost"
                                    : "cannot connect to Redis at " + deployment)
                            + " ("
                            + cause
                            + "); messages from other instances are not delivered until it is"
                            + " back. Reconnecting with backoff (up to "
                            + options.reconnectMaxDelay().toMillis()
                            + " ms between attempts) until Redis is reachable.");
        } else {
            LOG.atDebug().log(
                    () -> "Redis reconnect attempt " + failedAttempts + " failed: " + cause);
        }
    }

    /** First SUBSCRIBE acknowledged on a fresh connection: catch up with the registry. */
    private void becomeReady(Pump p) {
        int nChannels;
        int nPatterns;
        lock.lock();
        try {
            if (closed || p != pump) {
                return;
            }
            Set<String> desired = new HashSet<>(subscribedChannels());
            desired.add(Channels.GLOBAL_BROADCAST);
            List<String> add = new ArrayList<>();
            for (String ch : desired) {
                if (!p.sent.contains(ch)) {
                    add.add(ch);
                }
            }
            List<String> remove = new ArrayList<>();
            for (String ch : p.sent) {
                if (!desired.contains(ch)) {
                    remove.add(ch);
                }
            }
            if (!add.isEmpty()) {
                String[] a = add.toArray(String[]::new);
                send(q -> q.subscribe(a));
            }
            if (!remove.isEmpty()) {
                String[] r = remove.toArray(String[]::new);
                send(q -> q.unsubscribe(r));
            }
            if (!subscribedPatterns().isEmpty()) {
                String[] ps = subscribedPatterns().toArray(String[]::new);
                send(q -> q.psubscribe(ps));
            }
            p.connection.setSoTimeout(
                    (int)
                            Math.min(
                                    Integer.MAX_VALUE,
                                    options.healthCheckInterval().toMillis() * 3));
            nChannels = desired.size();
            nPatterns = subscribedPatterns().size();
            ready = true;
        } finally {
            lock.unlock();
        }
        if (outageStartNanos != 0) {
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageStartNanos);
            if (everConnected) {
                countReconnect();
            }
            LOG.info(
                    "Redis pub/sub connection to "
                            + deployment
                            + (everConnected ? " restored" : " established")
                            + " after "
                            + ms
                            + " ms ("
                            + failedAttempts
                            + " failed attempts); re-subscribed "
                            + nChannels
                            + " channels and "
                            + nPatterns
                            + " patterns");
            client.clearIdle();
        } else {
            LOG.atDebug().log(() -> "Redis pub/sub connected to " + deployment);
        }
        outageStartNanos = 0;
        failedAttempts = 0;
        everConnected = true;
    }

    /** Runs on the pump thread. */
    private final class Pump extends JedisPubSub {
        final Connection connection;
        Set<String> sent = Set.of();
        private boolean first = true;

        Pump(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            if (first) {
                first = false;
                becomeReady(this);
            }
            confirmed(channel, false);
        }

        @Override
        public void onPSubscribe(String pattern, int subscribedChannels) {
            confirmed(pattern, true);
        }

        @Override
        public void onMessage(String channel, String message) {
            receive(channel, null, message);
        }

        @Override
        public void onPMessage(String pattern, String channel, String message) {
            receive(channel, pattern, message);
        }
    }

    // ---- shutdown ----

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            ready = false;
            dropConnection();
        } finally {
            lock.unlock();
        }
        healthCheck.shutdownNow();
        writer.shutdownNow();
        pumpThread.interrupt();
        try {
            pumpThread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
