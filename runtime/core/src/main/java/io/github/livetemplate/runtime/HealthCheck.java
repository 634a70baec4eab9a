package io.github.livetemplate.runtime;

import io.github.livetemplate.runtime.pubsub.Broadcaster;
import io.github.livetemplate.runtime.session.SessionStore;
import java.util.Arrays;
import java.util.Objects;

/**
 * One readiness check: returns normally when what it checks works, throws (with a short,
 * operator-facing message) when it does not. Run by the health handlers of the transport (in the
 * Undertow module, {@code io.github.livetemplate.undertow.Health}) with a timeout, concurrently
 * with the other checks.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * Checks once.
     *
     * @throws Exception when unhealthy; its message is reported
     */
    void check() throws Exception;

    /**
     * Healthy while {@code broadcaster} says it is connected ({@link Broadcaster#isConnected()}).
     * Redis broadcasters offer a check of their own that also sends a {@code PING}.
     */
    static HealthCheck broadcaster(Broadcaster broadcaster) {
        Objects.requireNonNull(broadcaster, "broadcaster");
        return () -> {
            if (!broadcaster.isConnected()) {
                throw new IllegalStateException("broadcaster not connected");
            }
        };
    }

    /**
     * Healthy when {@code store} gives back what was just saved to it, under a group id of its own
     * ({@value #PROBE_GROUP}), deleted afterwards. Works with stores that log their failures
     * instead of throwing them.
     */
    static HealthCheck sessionStore(SessionStore store) {
        Objects.requireNonNull(store, "store");
        return () -> {
            byte[] probe = ("{\"t\":" + System.nanoTime() + "}").getBytes();
            store.save(PROBE_GROUP, probe);
            try {
                byte[] back = store.load(PROBE_GROUP);
                if (!Arrays.equals(probe, back)) {
                    throw new IllegalStateException(
                            "session store did not return what was saved to it");
                }
            } finally {
                store.delete(PROBE_GROUP);
            }
        };
    }

    /** The session group id the {@link #sessionStore} check writes to. */
    String PROBE_GROUP = "livetemplate-health-probe";
}
