package io.github.livetemplate.runtime.pubsub;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every transport shares: the reference-counted registry of channels and patterns, encoding,
 * the receive path (own-instance filter, seen-ring, strict topic matching, listener dispatch) and
 * counters. A transport implements the {@code transport*} hooks and feeds received messages to
 * {@link #receive}.
 */
public abstract class AbstractBroadcaster implements Broadcaster {
    protected static final Logger LOG = LoggerFactory.getLogger("io.github.livetemplate.pubsub");

    /** What a channel or pattern carries, i.e. which decoded messages its listeners accept. */
    enum Route {
        GROUP_ACTION,
        SERVER_ACTION,
        TOPIC,
        BROADCAST
    }

    /** One channel or pattern with its listeners; the refcount is the number of listeners. */
    static final class Entry {
        final String name;
        final boolean pattern;
        final Route route;

        /** For TOPIC entries: the topic or topic pattern without the channel prefix. */
        final String topicFilter;

        final CopyOnWriteArrayList<Consumer<Object>> listeners = new CopyOnWriteArrayList<>();
        volatile boolean confirmed;
        volatile CompletableFuture<Void> ack = new CompletableFuture<>();

        Entry(String name, boolean pattern, Route route, String topicFilter) {
            this.name = name;
            this.pattern = pattern;
            this.route = route;
            this.topicFilter = topicFilter;
        }
    }

    protected final String instanceId;
    protected final Duration subscribeTimeout;

    /** Guards registry changes and the transport hooks, so their effects stay in order. */
    protected final ReentrantLock lock = new ReentrantLock();

    final Map<String, Entry> channels = new ConcurrentHashMap<>();
    final Map<String, Entry> patterns = new ConcurrentHashMap<>();

    private final AtomicLong seq = new AtomicLong();
    private final SeenRing seen = new SeenRing();
    protected volatile boolean closed;

    /** The channels with listeners (transports resubscribe them after a reconnect). */
    protected final Set<String> subscribedChannels() {
        return Collections.unmodifiableSet(channels.keySet());
    }

    /** The patterns with listeners. */
    protected final Set<String> subscribedPatterns() {
        return Collections.unmodifiableSet(patterns.keySet());
    }

    /** Counts a lost transport connection (see {@link #stats()}). */
    protected final void countOutage() {
        outages.increment();
    }

    /** Counts a restored transport connection. */
    protected final void countReconnect() {
        reconnects.increment();
    }

    final LongAdder published = new LongAdder();
    final LongAdder publishFailures = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder ignoredOwn = new LongAdder();
    final LongAdder duplicatesDropped = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder listenerFailures = new LongAdder();
    final LongAdder outages = new LongAdder();
    final LongAdder reconnects = new LongAdder();

    protected AbstractBroadcaster(String instanceId, Duration subscribeTimeout) {
        this.instanceId = Channels.requireId(instanceId, "instanceId");
        this.subscribeTimeout = Objects.requireNonNull(subscribeTimeout, "subscribeTimeout");
    }

    // ---- transport hooks (called with `lock` held: queue network work, never wait for it) ----

    /** First listener of a channel arrived. */
    protected abstract void transportSubscribe(String channel);

    /** Last listener of a channel left. */
    protected abstract void transportUnsubscribe(String channel);

    protected abstract void transportPSubscribe(String pattern);

    protected abstract void transportPUnsubscribe(String pattern);

    /** Sends; throws {@link BroadcastException} if the transport cannot take it. Lock not held. */
    protected abstract void transportPublish(String channel, String json);

    // ---- callbacks for the transport ----

    /** The transport confirmed a subscription on its current connection. */
    protected final void confirmed(String name, boolean pattern) {
        Entry e = (pattern ? patterns : channels).get(name);
        if (e != null) {
            e.confirmed = true;
            e.ack.complete(null);
        }
    }

    /** The transport connection was lost: nothing is confirmed any more. */
    protected final void unconfirmAll() {
        for (Map<String, Entry> m : java.util.List.of(channels, patterns)) {
            for (Entry e : m.values()) {
                e.confirmed = false;
                if (e.ack.isDone()) {
                    e.ack = new CompletableFuture<>();
                }
            }
        }
    }

    /**
     * Handles a message from the transport.
     *
     * @param channel the channel it was published on
     * @param pattern the pattern that matched it, or null for an exact subscription
     */
    protected final void receive(String channel, String pattern, String json) {
        received.increment();
        MessageCodec.Decoded d;
        try {
            d = MessageCodec.decode(json);
        } catch (IllegalArgumentException e) {
            malformed.increment();
            LOG.atDebug().log(
                    () -> "ignoring malformed message on " + channel + ": " + e.getMessage());
            return;
        }
        if (instanceId.equals(d.instanceId())) {
            ignoredOwn.increment();
            return;
        }
        if (d.broadcast() != null) {
            Entry e = pattern == null ? channels.get(channel) : null;
            if (e != null && e.route == Route.BROADCAST) {
                dispatch(e, d.broadcast());
            }
            return;
        }
        ActionMessage m = d.action();
        switch (m.kind()) {
            case GROUP_ACTION -> dispatchExact(channel, pattern, Route.GROUP_ACTION, m);
            case SERVER_ACTION -> dispatchExact(channel, pattern, Route.SERVER_ACTION, m);
            case TOPIC_ACTION -> dispatchTopic(channel, pattern, m);
        }
    }

    private void dispatchExact(String channel, String pattern, Route route, ActionMessage m) {
        Entry e = pattern == null ? channels.get(channel) : null;
        if (e != null && e.route == route) {
            dispatch(e, m);
        }
    }

    private void dispatchTopic(String channel, String pattern, ActionMessage m) {
        String topic = m.topic();
        if (topic.isEmpty() && channel.startsWith(Channels.TOPIC_PREFIX)) {
            topic = channel.substring(Channels.TOPIC_PREFIX.length());
            m =
                    new ActionMessage(
                            m.kind(),
                            m.groupId(),
                            m.userId(),
                            topic,
                            m.action(),
                            m.data(),
                            m.instanceId(),
                            m.seq(),
                            m.timestamp());
        }
        if (topic.isEmpty() || Topics.isPattern(topic) || !channel.equals(Channels.topic(topic))) {
            malformed.increment();
            return;
        }
        if (m.seq() != 0) {
            if (seen.seenBefore(m.instanceId(), m.seq())) {
                duplicatesDropped.increment();
                return;
            }
            // First copy: every matching local listener, whichever subscription brought it.
            Entry exact = channels.get(channel);
            if (exact != null && exact.route == Route.TOPIC) {
                dispatch(exact, m);
            }
            for (Entry p : patterns.values()) {
                if (Topics.matches(p.topicFilter, topic)) {
                    dispatch(p, m);
                }
            }
        } else if (pattern == null) {
            // Unnumbered sender: no dedup possible, so each copy goes only to the listeners of the
            // subscription that delivered it (still exactly once per listener).
            Entry exact = channels.get(channel);
            if (exact != null && exact.route == Route.TOPIC) {
                dispatch(exact, m);
            }
        } else {
            Entry p = patterns.get(pattern);
            if (p != null && Topics.matches(p.topicFilter, topic)) {
                dispatch(p, m);
            }
        }
    }

    private void dispatch(Entry e, Object message) {
        for (Consumer<Object> l : e.listeners) {
            try {
                l.accept(message);
            } catch (RuntimeException | Error ex) {
                if (ex instanceof VirtualMachineError) {
                    throw (Error) ex;
                }
                listenerFailures.increment();
                LOG.warn("pubsub listener on " + e.name + " threw", ex);
            }
        }
    }

    // ---- Broadcaster ----

    @Override
    public final String instanceId() {
        return instanceId;
    }

    @Override
    public void publishGroupAction(String groupId, String action, Map<String, ?> data) {
        String channel = Channels.groupAction(groupId);
        requireAction(action);
        publish(
                channel,
                () ->
                        MessageCodec.groupAction(
                                ActionMessage.Kind.GROUP_ACTION,
                                groupId,
                                null,
                                action,
                                data,
                                seq.incrementAndGet(),
                                Instant.now(),
                                instanceId));
    }

    @Override
    public void publishServerAction(String userId, String action, Map<String, ?> data) {
        String channel = Channels.serverAction(userId);
        requireAction(action);
        publish(
                channel,
                () -> MessageCodec.serverAction(userId, action, data, Instant.now(), instanceId));
    }

    @Override
    public void publishTopicAction(String topic, String action, Map<String, ?> data) {
        Topics.validate(topic, false);
        requireAction(action);
        publish(
                Channels.topic(topic),
                () ->
                        MessageCodec.groupAction(
                                ActionMessage.Kind.TOPIC_ACTION,
                                "",
                                topic,
                                action,
                                data,
                                seq.incrementAndGet(),
                                Instant.now(),
                                instanceId));
    }

    @Override
    public void publishBroadcast(BroadcastMessage.Scope scope, String target, byte[] payload) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(payload, "payload");
        String channel = Channels.broadcast(scope, target);
        publish(
                channel,
                () ->
                        MessageCodec.broadcast(
                                scope,
                                scope == BroadcastMessage.Scope.GLOBAL ? null : target,
                                payload,
                                Instant.now(),
                                instanceId));
    }

    private static void requireAction(String action) {
        if (action == null || action.isEmpty()) {
            throw new IllegalArgumentException("action must not be empty");
        }
    }

    /** Encodes the message (unless the transport carries nothing) and hands it over. */
    private void publish(String channel, java.util.function.Supplier<String> json) {
        ensureOpen();
        if (discardsPublishes()) {
            published.increment(); // a lone in-process instance: nobody to encode it for
            return;
        }
        try {
            transportPublish(channel, json.get());
            published.increment();
        } catch (BroadcastException e) {
            publishFailures.increment();
            throw e;
        }
    }

    /**
     * Whether every publish reaches nobody (a stand-alone {@link InProcessBroadcaster}): it is then
     * counted but not encoded.
     */
    boolean discardsPublishes() {
        return false;
    }

    @Override
    public Subscription subscribeGroupActions(
            String groupId, Consumer<? super ActionMessage> listener) {
        return subscribe(Channels.groupAction(groupId), false, Route.GROUP_ACTION, null, listener);
    }

    @Override
    public Subscription subscribeServerActions(
            String userId, Consumer<? super ActionMessage> listener) {
        return subscribe(Channels.serverAction(userId), false, Route.SERVER_ACTION, null, listener);
    }

    @Override
    public Subscription subscribeTopic(
            String topicOrPattern, Consumer<? super ActionMessage> listener) {
        Topics.validate(topicOrPattern, true);
        return subscribe(
                Channels.topic(topicOrPattern),
                Topics.isPattern(topicOrPattern),
                Route.TOPIC,
                topicOrPattern,
                listener);
    }

    @Override
    public Subscription subscribeBroadcasts(
            BroadcastMessage.Scope scope,
            String target,
            Consumer<? super BroadcastMessage> listener) {
        Objects.requireNonNull(scope, "scope");
        return subscribe(Channels.broadcast(scope, target), false, Route.BROADCAST, null, listener);
    }

    @SuppressWarnings("unchecked")
    private Subscription subscribe(
            String name, boolean pattern, Route route, String topicFilter, Consumer<?> listener) {
        Objects.requireNonNull(listener, "listener");
        // A distinct wrapper per registration, so one listener object may be registered twice.
        Consumer<Object> l = msg -> ((Consumer<Object>) listener).accept(msg);
        Entry e;
        lock.lock();
        try {
            ensureOpen();
            Map<String, Entry> map = pattern ? patterns : channels;
            e = map.get(name);
            boolean first = e == null;
            if (first) {
                e = new Entry(name, pattern, route, topicFilter);
                map.put(name, e);
            }
            e.listeners.add(l);
            if (first) {
                if (pattern) {
                    transportPSubscribe(name);
                } else {
                    transportSubscribe(name);
                }
            }
        } finally {
            lock.unlock();
        }
        Sub sub = new Sub(e, l);
        if (!e.confirmed && isConnected()) {
            try {
                if (!sub.awaitConfirmed(subscribeTimeout)) {
                    LOG.atDebug().log(
                            () ->
                                    "subscription to "
                                            + name
                                            + " not confirmed within "
                                            + subscribeTimeout
                                            + "; it stays registered and is re-sent on reconnect");
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
        return sub;
    }

    private void release(Entry e, Consumer<Object> l) {
        lock.lock();
        try {
            if (!e.listeners.remove(l) || !e.listeners.isEmpty()) {
                return;
            }
            Map<String, Entry> map = e.pattern ? patterns : channels;
            if (map.remove(e.name, e) && !closed) {
                if (e.pattern) {
                    transportPUnsubscribe(e.name);
                } else {
                    transportUnsubscribe(e.name);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    final class Sub implements Subscription {
        private final Entry entry;
        private final Consumer<Object> listener;
        private final AtomicBoolean released = new AtomicBoolean();

        Sub(Entry entry, Consumer<Object> listener) {
            this.entry = entry;
            this.listener = listener;
        }

        @Override
        public String channel() {
            return entry.name;
        }

        @Override
        public boolean isPattern() {
            return entry.pattern;
        }

        @Override
        public boolean isConfirmed() {
            return entry.confirmed && !released.get();
        }

        @Override
        public boolean awaitConfirmed(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!isConfirmed() && !released.get()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    entry.ack.get(
                            Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)),
                            TimeUnit.NANOSECONDS);
                } catch (TimeoutException | ExecutionException ignored) {
                    // re-check: the future may have been replaced after a lost connection
                }
            }
            return isConfirmed();
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release(entry, listener);
            }
        }

        @Override
        public String toString() {
            return "Subscription[" + entry.name + (entry.pattern ? " (pattern)" : "") + "]";
        }
    }

    protected final void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("broadcaster is closed");
        }
    }

    @Override
    public Stats stats() {
        return new Stats(
                published.sum(),
                publishFailures.sum(),
                received.sum(),
                ignoredOwn.sum(),
                duplicatesDropped.sum(),
                malformed.sum(),
                listenerFailures.sum(),
                outages.sum(),
                reconnects.sum(),
                isConnected());
    }
}
