package io.github.livetemplate.runtime.pubsub;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Moves server-push messages between instances of an application. One code path serves both
 * deployments: the runtime always delivers a message to its own local connections itself and then
 * hands it to the broadcaster, which carries it to the <em>other</em> instances only. Messages that
 * come back carrying this instance's {@link #instanceId()} are ignored.
 *
 * <ul>
 *   <li>{@link InProcessBroadcaster}: the single-JVM default; nothing crosses a JVM boundary.
 *   <li>{@link RedisBroadcaster}: Redis pub/sub, wire compatible with the Go reference, so Go and
 *       Java instances can share one Redis.
 * </ul>
 *
 * <p><b>Publishing</b> is fire-and-forget across instances: a publish that returns normally was
 * handed to the transport; one that cannot be throws {@link BroadcastException} promptly (never
 * blocks for long) and is counted in {@link Stats#publishFailures()}.
 *
 * <p><b>Subscribing</b> registers a listener and returns its {@link Subscription}. Registrations
 * are reference-counted per channel or pattern (the transport subscribes on the first, unsubscribes
 * when the last one closes). A subscribe call never fails because the transport is down and never
 * blocks longer than the broadcaster's subscribe timeout: while the transport is unreachable it
 * returns an unconfirmed subscription, which is applied when the connection comes back.
 *
 * <p><b>Listeners</b> run on the broadcaster's delivery thread, one message at a time, in the order
 * received. They must not block: hand the message to the connection's own queue. A listener that
 * throws is logged and counted; delivery continues.
 *
 * <p>All methods are thread-safe.
 */
public interface Broadcaster extends AutoCloseable {

    /** This instance's id, sent as {@code instanceID} in every message it publishes. */
    String instanceId();

    /**
     * Whether the transport currently reaches the other instances (Redis: the subscriber connection
     * is up and has re-subscribed). Always true for {@link InProcessBroadcaster}.
     */
    boolean isConnected();

    // ---- publishing (to other instances only) ----

    /**
     * Publishes {@code group_action} on {@code livetemplate:groupaction:group:{groupId}}: other
     * instances run {@code action} on every connection of the session group.
     *
     * @param data JSON-serialisable values (maps, lists, strings, numbers, booleans, records); may
     *     be null or empty (then omitted, as in the reference)
     * @throws BroadcastException if the transport cannot take the message
     */
    void publishGroupAction(String groupId, String action, Map<String, ?> data);

    /** Publishes {@code server_action} on {@code livetemplate:action:user:{userId}}. */
    void publishServerAction(String userId, String action, Map<String, ?> data);

    /**
     * Publishes {@code topic_action} on {@code livetemplate:topic:{topic}}; {@code topic} is
     * concrete (no wildcards). Subscribers of a matching pattern receive it too.
     */
    void publishTopicAction(String topic, String action, Map<String, ?> data);

    /**
     * Publishes a {@code broadcast} message (payload base64 on the wire) on the global, group or
     * user broadcast channel.
     *
     * @param target the group id ({@code GROUP}), user id ({@code USER}); ignored for {@code
     *     GLOBAL}
     */
    void publishBroadcast(BroadcastMessage.Scope scope, String target, byte[] payload);

    // ---- subscribing ----

    /** Receives {@code group_action} messages of {@code groupId} from other instances. */
    Subscription subscribeGroupActions(String groupId, Consumer<? super ActionMessage> listener);

    /** Receives {@code server_action} messages of {@code userId} from other instances. */
    Subscription subscribeServerActions(String userId, Consumer<? super ActionMessage> listener);

    /**
     * Receives {@code topic_action} messages from other instances whose topic matches {@code
     * topicOrPattern}. A pattern has {@code *} segments, each matching exactly one segment ({@code
     * chat/*} receives {@code chat/room1}, not {@code chat/room1/x}). A publish that reaches this
     * instance through several overlapping subscriptions (an exact channel and a pattern) is
     * delivered once to each matching listener.
     */
    Subscription subscribeTopic(String topicOrPattern, Consumer<? super ActionMessage> listener);

    /**
     * Receives {@code broadcast} messages of one scope from other instances.
     *
     * @param target the group id ({@code GROUP}), user id ({@code USER}); ignored for {@code
     *     GLOBAL}
     */
    Subscription subscribeBroadcasts(
            BroadcastMessage.Scope scope,
            String target,
            Consumer<? super BroadcastMessage> listener);

    /** Counters since construction. */
    Stats stats();

    /**
     * Stops delivery and releases every resource promptly (Redis: closes both connections and stops
     * the subscriber thread). Idempotent; publishing or subscribing afterwards throws {@link
     * IllegalStateException}.
     */
    @Override
    void close();

    /**
     * Counters of a broadcaster.
     *
     * @param published messages handed to the transport
     * @param publishFailures publishes that threw {@link BroadcastException}
     * @param received messages received from the transport (before filtering)
     * @param ignoredOwn received messages that carried this instance's id
     * @param duplicatesDropped topic actions dropped by the {@code (instanceID, seq)} seen-ring
     * @param malformed received messages that could not be decoded
     * @param listenerFailures listener invocations that threw
     * @param outages times the transport connection was lost (or could not be established)
     * @param reconnects times it was re-established after an outage
     * @param connected {@link Broadcaster#isConnected()} when the snapshot was taken
     */
    record Stats(
            long published,
            long publishFailures,
            long received,
            long ignoredOwn,
            long duplicatesDropped,
            long malformed,
            long listenerFailures,
            long outages,
            long reconnects,
            boolean connected) {}
}
