package io.github.livetemplate.runtime.engine;

import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.SessionHandle;
import io.github.livetemplate.runtime.TopicAccess;
import io.github.livetemplate.runtime.TopicForbiddenException;
import io.github.livetemplate.runtime.UserHandle;
import io.github.livetemplate.runtime.pubsub.ActionMessage;
import io.github.livetemplate.runtime.pubsub.Broadcaster;
import io.github.livetemplate.runtime.pubsub.Subscription;
import io.github.livetemplate.runtime.pubsub.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal: server push of one live page handler. Knows the local WebSocket connections by session
 * group and by subscribed topic, delivers triggered and published actions to them (each on its own
 * queue) and connects both to the {@link Broadcaster}: local delivery happens here, the broadcaster
 * carries the same message to the other instances, and what they send is delivered here.
 *
 * <p>Broadcaster subscriptions are reference-counted by local connections: one per session group
 * (and signed-in user) with a local connection and one per subscribed topic or pattern, closed when
 * the last local connection leaves. Registry changes hold one lock, which is never held across a
 * broadcaster call; deliveries read concurrent sets without it.
 *
 * <p>The broadcaster is never called on a connection's or an action's own thread: subscribing,
 * unsubscribing and publishing to other instances run in order on one broadcaster thread, so a slow
 * or hung transport delays only the messages between instances. A connection is registered (and
 * receives local pushes) at once; its broadcaster subscriptions follow. For each group, user or
 * topic that thread compares what the registry wants with what it holds, so connects and
 * disconnects racing with a pending subscribe neither leak a subscription nor lose one. Publishes
 * wait in a bounded queue ({@value #MAX_QUEUED_PUBLISHES}); those that do not fit or that the
 * broadcaster refuses are counted in {@link #broadcastFailures()} and logged once until publishing
 * works again.
 *
 * @param <S> the state record type
 */
public final class PushHub<S> {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.livetemplate");

    private static final Pattern TOPIC =
            Pattern.compile("(?:[A-Za-z0-9_-]+|\\*)(?:/(?:[A-Za-z0-9_-]+|\\*))*");

    /** Publishes to other instances that may wait for the broadcaster thread. */
    static final int MAX_QUEUED_PUBLISHES = 4096;

    private static final AtomicInteger THREADS = new AtomicInteger();

    /** The local connections of one group, user or topic. */
    private static final class Members<S> {
        final Set<LiveConnection<S>> connections = ConcurrentHashMap.newKeySet();
    }

    private enum Kind {
        GROUP,
        USER,
        TOPIC
    }

    /** What a broadcaster subscription of this hub is for. */
    private record Key(Kind kind, String name) {}

    private final Broadcaster broadcaster;
    private final TopicAccess access;
    private final Object lock = new Object();
    private final Map<String, Members<S>> groups = new ConcurrentHashMap<>();
    private final Map<String, Members<S>> users = new ConcurrentHashMap<>();
    private final Map<String, Members<S>> exactTopics = new ConcurrentHashMap<>();
    private final Map<String, Members<S>> patternTopics = new ConcurrentHashMap<>();
    private final AtomicLong droppedPushes = new AtomicLong();
    private final AtomicLong droppedPublishes = new AtomicLong();

    /** Runs every broadcaster call, in order; its one thread ends when idle. */
    private final ThreadPoolExecutor outbound;

    /** The broadcaster subscriptions held; used by the broadcaster thread only. */
    private final Map<Key, Subscription> held = new ConcurrentHashMap<>();

    /** Keys with a comparison of wanted and held subscriptions queued and not yet begun. */
    private final Set<Key> queuedSyncs = ConcurrentHashMap.newKeySet();

    private final AtomicInteger queuedPublishes = new AtomicInteger();
    private final AtomicLong broadcastFailures = new AtomicLong();

    /** Whether the last publish failed; a run of failures is logged once. */
    private final AtomicBoolean failing = new AtomicBoolean();

    private final AtomicLong failuresInRun = new AtomicLong();

    /**
     * The last topic message received; the broadcaster hands one message to each matching entry.
     */
    private volatile ActionMessage lastRemoteTopic;

    /**
     * @param broadcaster carries messages to and from other instances
     * @param access the topic rule, or null for deny-all
     */
    public PushHub(Broadcaster broadcaster, TopicAccess access) {
        this.broadcaster = Objects.requireNonNull(broadcaster, "broadcaster");
        this.access = access;
        this.outbound =
                new ThreadPoolExecutor(
                        1,
                        1,
                        30,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        r -> {
                            Thread t =
                                    new Thread(
                                            r, "lvt-push-broadcaster-" + THREADS.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        outbound.allowCoreThreadTimeOut(true);
    }

    public Broadcaster broadcaster() {
        return broadcaster;
    }

    /** Pushed actions dropped because a connection's queue was full. */
    public long droppedPushes() {
        return droppedPushes.get();
    }

    /** Publishes dropped by the one-hop rule. */
    public long droppedPublishes() {
        return droppedPublishes.get();
    }

    /**
     * Messages for other instances that did not reach the broadcaster: its queue was full or it
     * refused them (for instance while Redis is unreachable).
     */
    public long broadcastFailures() {
        return broadcastFailures.get();
    }

    /**
     * Waits until the broadcaster calls queued so far (subscriptions, publishes) have run.
     *
     * @return false if they had not within {@code timeout}
     */
    public boolean awaitBroadcaster(Duration timeout) throws InterruptedException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            outbound.execute(() -> done.complete(null));
            done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException | RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * The push context of a mount, action or lifecycle call; {@code connection} is {@code null} on
     * HTTP (no subscriptions, publishes only).
     */
    PushContext callContext(LiveConnection<?> connection) {
        return new PushContext(this, connection, false);
    }

    /** The push context of a triggered or published action: it may not publish (one hop only). */
    PushContext pushedContext(LiveConnection<?> connection) {
        return new PushContext(this, connection, true);
    }

    public SessionHandle session(String groupId) {
        if (groupId == null || groupId.isEmpty()) {
            throw new IllegalArgumentException("groupId must not be empty");
        }
        return new SessionHandle() {
            @Override
            public String groupId() {
                return groupId;
            }

            @Override
            public int trigger(String action, Map<String, ?> data) {
                return PushHub.this.trigger(groupId, action, data);
            }

            @Override
            public String toString() {
                return "SessionHandle[" + groupId + "]";
            }
        };
    }

    public UserHandle user(String userId) {
        if (userId == null || userId.isEmpty()) {
            throw new IllegalArgumentException("userId must not be empty");
        }
        return new UserHandle() {
            @Override
            public String userId() {
                return userId;
            }

            @Override
            public int trigger(String action, Map<String, ?> data) {
                return PushHub.this.triggerUser(userId, action, data);
            }

            @Override
            public String toString() {
                return "UserHandle[" + userId + "]";
            }
        };
    }

    // ------------------------------------------------------------------ topics

    static String validate(String topic, boolean allowWildcards) {
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException(
                    "malformed topic \""
                            + topic
                            + "\": segments of [A-Za-z0-9_-] or *, joined by /");
        }
        if (!allowWildcards && Topics.isPattern(topic)) {
            throw new IllegalArgumentException("cannot publish on a wildcard topic: " + topic);
        }
        return topic;
    }

    void checkAccess(String topic, Context ctx) {
        boolean ok = false;
        if (access != null) {
            try {
                ok = access.allowed(topic, ctx);
            } catch (RuntimeException e) {
                LOG.warn("the topic access rule threw for \"" + topic + "\"", e);
            }
        }
        if (!ok) {
            throw new TopicForbiddenException(topic);
        }
    }

    void dropPublish(String topic, String action) {
        long n = droppedPublishes.incrementAndGet();
        LOG.warn(
                "dropped publish of \"{}\" on {}: publishing from a pushed action is"
                        + " not allowed (one hop only; {} dropped in total)",
                action,
                topic,
                n);
    }

    static Map<String, Object> copy(Map<String, ?> data) {
        if (data == null || data.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    // ------------------------------------------------------------------ registry

    /** Every local connection of the page, at one moment. */
    List<LiveConnection<S>> localConnections() {
        List<LiveConnection<S>> out = new ArrayList<>();
        for (Members<S> m : groups.values()) {
            out.addAll(m.connections);
        }
        return out;
    }

    /**
     * A connection went live: join its group (and user). Runs on the connection's queue; the
     * broadcaster subscriptions follow on the broadcaster thread.
     */
    void register(LiveConnection<S> c) {
        String group = c.groupId();
        String user = c.userId();
        boolean signedIn = user != null && !user.isEmpty();
        synchronized (lock) {
            groups.computeIfAbsent(group, g -> new Members<>()).connections.add(c);
            if (signedIn) {
                users.computeIfAbsent(user, k -> new Members<>()).connections.add(c);
            }
        }
        sync(new Key(Kind.GROUP, group));
        if (signedIn) {
            sync(new Key(Kind.USER, user));
        }
    }

    /** A connection closed: leave its group and every topic. */
    void unregister(LiveConnection<S> c) {
        List<Key> left = new ArrayList<>();
        synchronized (lock) {
            leave(groups, c.groupId(), c);
            left.add(new Key(Kind.GROUP, c.groupId()));
            String user = c.userId();
            if (user != null && !user.isEmpty()) {
                leave(users, user, c);
                left.add(new Key(Kind.USER, user));
            }
            for (String t : c.topics()) {
                leave(Topics.isPattern(t) ? patternTopics : exactTopics, t, c);
                left.add(new Key(Kind.TOPIC, t));
            }
            c.topics().clear();
        }
        left.forEach(this::sync);
    }

    @SuppressWarnings("unchecked")
    void subscribe(LiveConnection<?> connection, String topic) {
        LiveConnection<S> c = (LiveConnection<S>) connection;
        synchronized (lock) {
            if (c.isClosed() || !c.topics().add(topic)) {
                return;
            }
            Map<String, Members<S>> map = Topics.isPattern(topic) ? patternTopics : exactTopics;
            map.computeIfAbsent(topic, t -> new Members<>()).connections.add(c);
        }
        sync(new Key(Kind.TOPIC, topic));
    }

    @SuppressWarnings("unchecked")
    void unsubscribe(LiveConnection<?> connection, String topic) {
        LiveConnection<S> c = (LiveConnection<S>) connection;
        synchronized (lock) {
            if (!c.topics().remove(topic)) {
                return;
            }
            leave(Topics.isPattern(topic) ? patternTopics : exactTopics, topic, c);
        }
        sync(new Key(Kind.TOPIC, topic));
    }

    private void leave(Map<String, Members<S>> map, String key, LiveConnection<S> c) {
        Members<S> m = map.get(key);
        if (m != null && m.connections.remove(c) && m.connections.isEmpty()) {
            map.remove(key);
        }
    }

    /**
     * Queues a comparison of the broadcaster subscription {@code key} wants with the one held,
     * unless one is queued and not yet begun (it will see this change: it reads the registry under
     * the lock after leaving {@link #queuedSyncs}).
     */
    private void sync(Key key) {
        if (!queuedSyncs.add(key)) {
            return;
        }
        try {
            outbound.execute(
                    () -> {
                        queuedSyncs.remove(key);
                        syncNow(key);
                    });
        } catch (RejectedExecutionException e) {
            queuedSyncs.remove(key);
            LOG.warn("cannot queue a broadcaster subscription change", e);
        }
    }

    /** On the broadcaster thread: subscribe or release {@code key} as the registry wants. */
    private void syncNow(Key key) {
        boolean wanted;
        synchronized (lock) {
            Members<S> m =
                    switch (key.kind()) {
                        case GROUP -> groups.get(key.name());
                        case USER -> users.get(key.name());
                        case TOPIC ->
                                (Topics.isPattern(key.name()) ? patternTopics : exactTopics)
                                        .get(key.name());
                    };
            wanted = m != null && !m.connections.isEmpty();
        }
        Subscription s = held.get(key);
        if (wanted && s == null) {
            try {
                held.put(key, open(key));
            } catch (RuntimeException e) {
                LOG.warn(
                        "cannot subscribe "
                                + key.kind().name().toLowerCase()
                                + " "
                                + key.name()
                                + " on the broadcaster",
                        e);
            }
        } else if (!wanted && s != null) {
            held.remove(key);
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.debug("closing a broadcaster subscription failed", e);
            }
        }
    }

    private Subscription open(Key key) {
        return switch (key.kind()) {
            case GROUP ->
                    broadcaster.subscribeGroupActions(
                            key.name(),
                            msg -> deliverGroup(msg.groupId(), msg.action(), msg.data()));
            case USER ->
                    broadcaster.subscribeServerActions(
                            key.name(), msg -> deliverUser(msg.userId(), msg.action(), msg.data()));
            case TOPIC -> broadcaster.subscribeTopic(key.name(), this::remoteTopic);
        };
    }

    /**
     * Hands a message for other instances to the broadcaster thread; if the queue is full it is
     * dropped and counted.
     */
    private void toOtherInstances(String what, Runnable publish) {
        if (queuedPublishes.incrementAndGet() > MAX_QUEUED_PUBLISHES) {
            queuedPublishes.decrementAndGet();
            publishFailed(what, "the queue for the broadcaster is full", null);
            return;
        }
        try {
            outbound.execute(
                    () -> {
                        queuedPublishes.decrementAndGet();
                        try {
                            publish.run();
                        } catch (RuntimeException e) {
                            publishFailed(what, String.valueOf(e.getMessage()), e);
                            return;
                        }
                        if (failing.compareAndSet(true, false)) {
                            LOG.info(
                                    "the broadcaster takes messages for other instances again ({}"
                                            + " failed meanwhile)",
                                    failuresInRun.getAndSet(0));
                        }
                    });
        } catch (RejectedExecutionException e) {
            queuedPublishes.decrementAndGet();
            publishFailed(what, "the broadcaster thread refused it", e);
        }
    }

    private void publishFailed(String what, String why, RuntimeException e) {
        long total = broadcastFailures.incrementAndGet();
        failuresInRun.incrementAndGet();
        if (failing.compareAndSet(false, true)) {
            LOG.warn(
                    "could not hand "
                            + what
                            + " to the broadcaster ("
                            + why
                            + "); other"
                            + " instances miss it. Further failures are counted ("
                            + total
                            + " in total) and not"
                            + " logged until a message gets through.",
                    e);
        } else {
            LOG.debug("could not hand " + what + " to the broadcaster (" + why + ")", e);
        }
    }

    /** Local connections subscribed to {@code topic} (the number of distinct connections). */
    public int subscribers(String topic) {
        return matching(topic, null).size();
    }

    // ------------------------------------------------------------------ delivery

    /** Runs {@code action} on the group's local connections and on other instances. */
    int trigger(String groupId, String action, Map<String, ?> data) {
        requireAction(action);
        Map<String, Object> d = copy(data);
        int n = deliverGroup(groupId, action, d);
        toOtherInstances(
                "a group action", () -> broadcaster.publishGroupAction(groupId, action, d));
        return n;
    }

    /** Runs {@code action} on the user's local connections and on other instances. */
    int triggerUser(String userId, String action, Map<String, ?> data) {
        requireAction(action);
        Map<String, Object> d = copy(data);
        int n = deliverUser(userId, action, d);
        toOtherInstances(
                "a server action", () -> broadcaster.publishServerAction(userId, action, d));
        return n;
    }

    private int deliverUser(String userId, String action, Map<String, Object> data) {
        Members<S> m = users.get(userId);
        if (m == null) {
            return 0;
        }
        return deliver(m.connections, new Fanout(action, data));
    }

    /**
     * Runs {@code action} on every local connection subscribed to a topic matching {@code topic},
     * except {@code sender}; unless {@code remote}, also queues it for the broadcaster.
     *
     * @return how many local connections it was queued on
     */
    public int publish(
            String topic,
            String action,
            Map<String, ?> data,
            LiveConnection<?> sender,
            boolean remote) {
        validate(topic, false);
        requireAction(action);
        Map<String, Object> d = copy(data);
        int n = deliver(matching(topic, sender), new Fanout(action, d));
        if (!remote) {
            toOtherInstances(
                    "a topic action", () -> broadcaster.publishTopicAction(topic, action, d));
        }
        return n;
    }

    private static void requireAction(String action) {
        if (action == null || action.isEmpty()) {
            throw new IllegalArgumentException("action must not be empty");
        }
    }

    private Set<LiveConnection<S>> matching(String topic, LiveConnection<?> sender) {
        Set<LiveConnection<S>> out = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Members<S> exact = exactTopics.get(topic);
        if (exact != null) {
            out.addAll(exact.connections);
        }
        for (Map.Entry<String, Members<S>> e : patternTopics.entrySet()) {
            if (Topics.matches(e.getKey(), topic)) {
                out.addAll(e.getValue().connections);
            }
        }
        if (sender != null) {
            out.remove(sender);
        }
        return out;
    }

    private int deliverGroup(String groupId, String action, Map<String, Object> data) {
        Members<S> m = groups.get(groupId);
        if (m == null) {
            return 0;
        }
        return deliver(m.connections, new Fanout(action, data));
    }

    private void remoteTopic(ActionMessage msg) {
        // With seq != 0 the broadcaster hands the same message object to every matching
        // subscription (exact and patterns); deliver it once, to every matching local connection.
        if (msg == lastRemoteTopic) {
            return;
        }
        lastRemoteTopic = msg;
        try {
            publish(msg.topic(), msg.action(), msg.data(), null, true);
        } catch (IllegalArgumentException e) {
            LOG.debug("ignoring a topic action from another instance", e);
        }
    }

    private int deliver(Set<LiveConnection<S>> targets, Fanout f) {
        int n = 0;
        for (LiveConnection<S> c : targets) {
            if (c.offerPush(f)) {
                n++;
            } else {
                long d = droppedPushes.incrementAndGet();
                if (c.firstDrop()) {
                    LOG.warn(
                            "dropped pushed action \"{}\" for a connection on {}: its queue is"
                                    + " full or it is closing ({} pushed actions dropped in"
                                    + " total; logged once per connection)",
                            f.action(),
                            c.path(),
                            d);
                }
            }
        }
        return n;
    }

    /**
     * One pushed action on its way to several connections. Connections whose (previous, next)
     * states are the same objects share one rendered and serialized update: the first computes it,
     * the others reuse its bytes.
     */
    static final class Fanout {
        private final String action;
        private final Inbound message;
        private final ConcurrentHashMap<StatePair, byte[]> memo = new ConcurrentHashMap<>(4);

        Fanout(String action, Map<String, Object> data) {
            this.action = action;
            this.message = new Inbound(action, data, "");
        }

        String action() {
            return action;
        }

        Inbound message() {
            return message;
        }

        /**
         * The update for {@code previous → next} seen with the {@code .lvt} contexts {@code
         * previousLvt → nextLvt}, rendered by {@code render} at most once.
         */
        byte[] update(
                Object previous,
                Object previousLvt,
                Object next,
                Object nextLvt,
                Supplier<byte[]> render) {
            return memo.computeIfAbsent(
                    new StatePair(previous, next, previousLvt, nextLvt), k -> render.get());
        }
    }

    /** A key comparing two states by identity and their template contexts by value. */
    private record StatePair(Object previous, Object next, Object previousLvt, Object nextLvt) {
        @Override
        public boolean equals(Object o) {
            return o instanceof StatePair p
                    && p.previous == previous
                    && p.next == next
                    && p.previousLvt.equals(previousLvt)
                    && p.nextLvt.equals(nextLvt);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(previous) * 31 + System.identityHashCode(next);
        }
    }
}
