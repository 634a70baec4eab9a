package io.github.livetemplate.runtime.pubsub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The single-JVM default. Because the runtime delivers every message to its own local connections
 * itself and a broadcaster only carries messages to <em>other</em> instances, a lone {@code new
 * InProcessBroadcaster()} is a <b>no-op transport</b>: publishes succeed (and are counted) but
 * reach nobody, subscriptions are confirmed at once and never fire. The runtime can therefore use
 * the same code path with or without Redis.
 *
 * <p>Several broadcasters created on one {@link Hub} behave like instances sharing a Redis: each
 * publish is encoded to the same JSON as on Redis and delivered, on each receiver's own delivery
 * thread, to the other members whose channels or patterns match (the publisher's own copy is
 * ignored as its own). This lets tests run "two instances" in one JVM without Redis.
 */
public final class InProcessBroadcaster extends AbstractBroadcaster {

    /** Connects the in-process broadcasters created on it, like one Redis server. */
    public static final class Hub {
        private final CopyOnWriteArrayList<InProcessBroadcaster> members =
                new CopyOnWriteArrayList<>();

        void publish(String channel, String json) {
            for (InProcessBroadcaster b : members) {
                b.deliverFromHub(channel, json);
            }
        }
    }

    private final Hub hub;
    private final boolean shared;
    private ExecutorService delivery; // created on first delivery; guarded by `this`

    /** A stand-alone instance (private hub): a no-op transport with a random instance id. */
    public InProcessBroadcaster() {
        this(new Hub(), "java-" + UUID.randomUUID(), false);
    }

    /** A member of {@code hub} with the given instance id. */
    public InProcessBroadcaster(Hub hub, String instanceId) {
        this(hub, instanceId, true);
    }

    private InProcessBroadcaster(Hub hub, String instanceId, boolean shared) {
        super(instanceId, Duration.ZERO);
        this.hub = hub;
        this.shared = shared;
        hub.members.add(this);
    }

    @Override
    public boolean isConnected() {
        return !closed;
    }

    @Override
    protected void transportSubscribe(String channel) {
        confirmed(channel, false);
    }

    @Override
    protected void transportUnsubscribe(String channel) {}

    @Override
    protected void transportPSubscribe(String pattern) {
        confirmed(pattern, true);
    }

    @Override
    protected void transportPUnsubscribe(String pattern) {}

    @Override
    boolean discardsPublishes() {
        return !shared;
    }

    @Override
    protected void transportPublish(String channel, String json) {
        if (shared) {
            hub.publish(channel, json);
        }
    }

    /** Like Redis: one copy per matching exact subscription and one per matching pattern. */
    private void deliverFromHub(String channel, String json) {
        if (closed) {
            return;
        }
        List<Runnable> copies = new ArrayList<>(2);
        if (channels.containsKey(channel)) {
            copies.add(() -> receive(channel, null, json));
        }
        for (String p : patterns.keySet()) {
            if (Topics.globMatches(p, channel)) {
                copies.add(() -> receive(channel, p, json));
            }
        }
        if (copies.isEmpty()) {
            return;
        }
        ExecutorService ex;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (delivery == null) {
                delivery =
                        Executors.newSingleThreadExecutor(
                                r -> {
                                    Thread t = new Thread(r, "lvt-pubsub-inprocess-" + instanceId);
                                    t.setDaemon(true);
                                    return t;
                                });
            }
            ex = delivery;
        }
        try {
            for (Runnable r : copies) {
                ex.execute(r);
            }
        } catch (RejectedExecutionException closing) {
            // closed concurrently
        }
    }

    @Override
    public void close() {
        ExecutorService ex;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ex = delivery;
        }
        hub.members.remove(this);
        if (ex != null) {
            ex.shutdownNow();
            try {
                ex.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
