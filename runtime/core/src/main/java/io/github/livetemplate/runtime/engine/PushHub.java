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
import java.util.Collection;
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

    /** Fan-outs to at most this many connections are queued on the caller's thread. */
    static final int DIRECT_MAX = 128;

    /**
     * Lanes of larger fan-outs: each connection belongs to one, and each lane runs one batch per
     * fan-out, in order, on the worker pool. As many as Undertow's default worker threads on a
     * small machine, so that a slow pushed action holds up only its lane's connections.
     */
    static final int LANES = 16;

    /** Fan-outs waiting in one lane; beyond it a fan-out's batch is dropped and counted. */
    static final int LANE_CAPACITY = 1024;

    /** Created on the first fan-out that uses them. */
    private volatile SerialQueue[] lanes;

    /**
     * The local connections of one group, user or topic: none, one (held as itself: a browser's
     * group usually has one connection) or a concurrent set. Changed under the hub's lock, read
     * without it.
     */
    private static final class Members<S> {
        private volatile Object who;

        /**
         * For a topic: the set of just this topic, shared by every connection subscribed to it
         * alone (the common case), so that a subscription costs no set of its own.
         */
        final Set<String> alone;

        Members(String topic) {
            this.alone = topic == null ? null : Set.of(topic);
        }

        @SuppressWarnings("unchecked")
        void add(LiveConnection<S> c) {
            Object w = who;
            if (w == null) {
                who = c;
            } else if (w instanceof LiveConnection<?> one) {
                if (one != c) {
                    Set<LiveConnection<S>> set = ConcurrentHashMap.newKeySet();
                    set.add((LiveConnection<S>) one);
                    set.add(c);
                    who = set;
                }
            } else {
                ((Set<LiveConnection<S>>) w).add(c);
            }
        }

        /** Removes {@code c}; true if it was a member. */
        @SuppressWarnings("unchecked")
        boolean remove(LiveConnection<S> c) {
            Object w = who;
            if (w == c) {
                who = null;
                return true;
            }
            if (w instanceof Set<?> set && set.remove(c)) {
                if (set.isEmpty()) {
                    who = null;
                }
                return true;
            }
            return false;
        }

        boolean isEmpty() {
            return who == null;
        }

        @SuppressWarnings("unchecked")
        void addTo(Collection<LiveConnection<S>> out) {
            Object w = who;
            if (w instanceof LiveConnection<?> one) {
                out.add((LiveConnection<S>) one);
            } else if (w != null) {
                out.addAll((Set<LiveConnection<S>>) w);
            }
        }

        /** The members, read-only and live (a concurrent set's weakly consistent view). */
        @SuppressWarnings("unchecked")
        Collection<LiveConnection<S>> view() {
            Object w = who;
            if (w instanceof LiveConnection<?> one) {
                return List.of((LiveConnection<S>) one);
            }
            return w == null
                    ? List.of()
                    : Collections.unmodifiableCollection((Set<LiveConnection<S>>) w);
        }
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

    /** Warnings that every connection of a fan-out can trigger at once, rate-limited. */
    private final LogLimiter warnings = new LogLimiter(LOG);

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
                warnings.warn("topic-access", "the topic access rule threw for \"{}\"", topic, e);
            }
        }
        if (!ok) {
            throw new TopicForbiddenException(topic);
        }
    }

    void dropPublish(String topic, String action) {
        long n = droppedPublishes.incrementAndGet();
        warnings.warn(
                "dropped-publish",
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
            m.addTo(out);
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
            groups.computeIfAbsent(group, g -> new Members<>(null)).add(c);
            if (signedIn) {
                users.computeIfAbsent(user, k -> new Members<>(null)).add(c);
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
            c.topics(Set.of());
        }
        left.forEach(this::sync);
    }

    @SuppressWarnings("unchecked")
    void subscribe(LiveConnection<?> connection, String topic) {
        LiveConnection<S> c = (LiveConnection<S>) connection;
        synchronized (lock) {
            Set<String> had = c.topics();
            if (c.isClosed() || had.contains(topic)) {
                return;
            }
            Map<String, Members<S>> map = Topics.isPattern(topic) ? patternTopics : exactTopics;
            Members<S> m = map.computeIfAbsent(topic, Members::new);
            m.add(c);
            c.topics(had.isEmpty() ? m.alone : with(had, topic));
        }
        sync(new Key(Kind.TOPIC, topic));
    }

    @SuppressWarnings("unchecked")
    void unsubscribe(LiveConnection<?> connection, String topic) {
        LiveConnection<S> c = (LiveConnection<S>) connection;
        synchronized (lock) {
            Set<String> had = c.topics();
            if (!had.contains(topic)) {
                return;
            }
            c.topics(without(had, topic));
            leave(Topics.isPattern(topic) ? patternTopics : exactTopics, topic, c);
        }
        sync(new Key(Kind.TOPIC, topic));
    }

    private static Set<String> with(Set<String> topics, String topic) {
        Set<String> s = new java.util.HashSet<>(topics);
        s.add(topic);
        return Set.copyOf(s);
    }

    private static Set<String> without(Set<String> topics, String topic) {
        Set<String> s = new java.util.HashSet<>(topics);
        s.remove(topic);
        return s.isEmpty() ? Set.of() : Set.copyOf(s);
    }

    private void leave(Map<String, Members<S>> map, String key, LiveConnection<S> c) {
        Members<S> m = map.get(key);
        if (m != null && m.remove(c) && m.isEmpty()) {
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
            wanted = m != null && !m.isEmpty();
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
    /** Groups, users and topics with registered connections (for leak checks). */
    public int members() {
        int n = 0;
        for (Map<String, Members<S>> m : List.of(groups, users, exactTopics, patternTopics)) {
            n += m.size();
        }
        return n;
    }

    /** Broadcaster subscriptions the hub holds (one per group, user or topic with members). */
    public int heldSubscriptions() {
        return held.size();
    }

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
        return deliver(m.view(), new Fanout(action, data));
    }

    /**
     * Runs {@code action} on every local connection subscribed to a topic matching {@code topic},
     * except {@code sender}; unless {@code remote}, also queues it for the broadcaster.
     *
     * @return how many local connections it was queued on (for more than 128, handed to: the hub's
     *     lanes queue them off the caller, docs/runtime.md §10)
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

    /**
     * The connections subscribed to a topic or pattern matching {@code topic}, each once, without
     * {@code sender}. One matching subscription and no sender (a server-side publish to a room) is
     * its members' live view: no copy of a large room on the caller.
     */
    private Collection<LiveConnection<S>> matching(String topic, LiveConnection<?> sender) {
        List<Members<S>> found = new ArrayList<>(2);
        Members<S> exact = exactTopics.get(topic);
        if (exact != null) {
            found.add(exact);
        }
        for (Map.Entry<String, Members<S>> e : patternTopics.entrySet()) {
            if (Topics.matches(e.getKey(), topic)) {
                found.add(e.getValue());
            }
        }
        if (found.isEmpty()) {
            return List.of();
        }
        if (found.size() == 1 && sender == null) {
            return found.get(0).view();
        }
        Set<LiveConnection<S>> out = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Members<S> m : found) {
            m.addTo(out);
        }
        if (sender != null) {
            out.remove(sender);
        }
        return out;
    }

    /** The local connections of session group {@code groupId}, as they are now. */
    Collection<LiveConnection<S>> groupConnections(String groupId) {
        Members<S> m = groups.get(groupId);
        return m == null ? List.of() : m.view();
    }

    private int deliverGroup(String groupId, String action, Map<String, Object> data) {
        Members<S> m = groups.get(groupId);
        if (m == null) {
            return 0;
        }
        return deliver(m.view(), new Fanout(action, data));
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

    /**
     * Queues {@code f} on every target. Up to {@value #DIRECT_MAX} targets (none of them with a
     * lane batch still pending) are queued here, on the caller; larger fan-outs are split by lane
     * and each lane's batch is one task on the worker pool, so the caller only partitions (docs/
     * runtime.md §10). A connection always falls in the same lane and lanes run their batches in
     * order, so pushes reach each connection in the order they were published.
     *
     * @return the connections it was queued on (direct) or handed to (lanes; drops in a lane are
     *     counted in {@link #droppedPushes()})
     */
    private int deliver(Collection<LiveConnection<S>> targets, Fanout f) {
        if (targets.isEmpty()) {
            return 0;
        }
        if (targets.size() <= DIRECT_MAX && noneInLanes(targets)) {
            int n = 0;
            for (LiveConnection<S> c : targets) {
                if (c.offerPush(f)) {
                    n++;
                } else {
                    dropped(c, f);
                }
            }
            return n;
        }
        return toLanes(targets, f);
    }

    private static boolean noneInLanes(Collection<? extends LiveConnection<?>> targets) {
        for (LiveConnection<?> c : targets) {
            if (c.inLanes()) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private int toLanes(Collection<LiveConnection<S>> targets, Fanout f) {
        SerialQueue[] lanes = lanes(targets.iterator().next());
        List<LiveConnection<S>>[] batches = new List[LANES];
        int per = targets.size() / LANES + 8;
        int n = 0;
        for (LiveConnection<S> c : targets) {
            if (c.isClosed()) {
                dropped(c, f);
                continue;
            }
            int lane = (System.identityHashCode(c) & 0x7fffffff) % LANES;
            if (batches[lane] == null) {
                batches[lane] = new ArrayList<>(per);
            }
            batches[lane].add(c);
            c.enterLane();
            n++;
        }
        for (int i = 0; i < LANES; i++) {
            List<LiveConnection<S>> batch = batches[i];
            if (batch != null && !lanes[i].offer(() -> runBatch(batch, f))) {
                n -= batch.size();
                for (LiveConnection<S> c : batch) {
                    c.leaveLane();
                    dropped(c, f);
                }
            }
        }
        return n;
    }

    /** On a lane: each connection runs the push here when idle, else queues it. */
    private void runBatch(List<LiveConnection<S>> batch, Fanout f) {
        for (LiveConnection<S> c : batch) {
            try {
                if (!c.runPush(f)) {
                    dropped(c, f);
                }
            } finally {
                c.leaveLane();
            }
        }
    }

    /** The lanes, created on the first lane fan-out with the worker pool of its connections. */
    private SerialQueue[] lanes(LiveConnection<S> any) {
        SerialQueue[] l = lanes;
        if (l == null) {
            synchronized (lock) {
                l = lanes;
                if (l == null) {
                    l = new SerialQueue[LANES];
                    for (int i = 0; i < LANES; i++) {
                        l[i] = new SerialQueue(any.executor(), LANE_CAPACITY);
                    }
                    lanes = l;
                }
            }
        }
        return l;
    }

    private void dropped(LiveConnection<S> c, Fanout f) {
        long d = droppedPushes.incrementAndGet();
        if (c.firstDrop()) {
            warnings.warn(
                    "dropped-push",
                    "dropped pushed action \"{}\" for a connection on {}: its queue is"
                            + " full or it is closing ({} pushed actions dropped in"
                            + " total; logged once per connection)",
                    f.action(),
                    c.path(),
                    d);
        }
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
