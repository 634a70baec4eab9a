package io.github.livetemplate.runtime.pubsub;

import java.time.Duration;

/**
 * One listener's registration on a channel or pattern. Registrations are reference-counted per
 * channel/pattern: the first one makes the transport subscribe, closing the last one makes it
 * unsubscribe. Pair every subscribe call with exactly one {@link #close()} (idempotent).
 */
public interface Subscription extends AutoCloseable {

    /** The transport channel ({@code livetemplate:…}) or, for a wildcard topic, the pattern. */
    String channel();

    /** Whether {@link #channel()} is a pattern (PSUBSCRIBE). */
    boolean isPattern();

    /**
     * Whether the transport has confirmed the subscription on its current connection. False while
     * Redis is unreachable; it becomes true again once the broadcaster has reconnected and
     * re-subscribed. Always true for {@link InProcessBroadcaster}.
     */
    boolean isConfirmed();

    /** Waits at most {@code timeout} for {@link #isConfirmed()}; returns its value. */
    boolean awaitConfirmed(Duration timeout) throws InterruptedException;

    /** Removes this listener; the last one to leave a channel unsubscribes it. Idempotent. */
    @Override
    void close();
}
