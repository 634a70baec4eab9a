package io.github.livetemplate.runtime.engine;

import io.github.livetemplate.runtime.Flash;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Internal: the HTTP-side state of each session group and page path. HTTP requests (page loads,
 * JSON GETs, POSTed actions) of one group and path work on one {@link Entry}, one at a time through
 * its queue. When a WebSocket of that group and path closes, its last state is {@linkplain #adopt
 * adopted}, so actions the client POSTs while it reconnects act on what the tab showed.
 *
 * <p>Entries idle longer than the TTL are dropped; beyond {@code maxEntries} the least recently
 * used entry goes first.
 *
 * @param <S> the state record type
 */
public final class HttpStates<S> {

    /** The session of one group and path; touched only by tasks of its {@link #queue()}. */
    public static final class Entry<S> {
        private final SerialQueue queue;
        private final PageSession<S> session;
        private volatile long lastAccess;

        Entry(SerialQueue queue, PageSession<S> session, long now) {
            this.queue = queue;
            this.session = session;
            this.lastAccess = now;
        }

        /** The queue every task on this entry must run on. */
        public SerialQueue queue() {
            return queue;
        }

        /** The group's page session on this path. */
        public PageSession<S> session() {
            return session;
        }
    }

    private record Key(String group, String path) {}

    /** A state a page was last rendered with over HTTP, for the WebSocket that follows. */
    private record Handoff<S>(S state, long at) {}

    /** How long a hand-off waits for its WebSocket. */
    private static final long HANDOFF_NANOS = 30_000_000_000L;

    private final Map<Key, Handoff<S>> handoffs = new ConcurrentHashMap<>();

    /** Page loads not yet followed by their WebSocket: how many, and when the last was. */
    private record Loads(int count, long at) {}

    /** How long a page load waits for its WebSocket to count it as a new connection. */
    private static final long PAGE_LOAD_NANOS = 60_000_000_000L;

    private final Map<Key, Loads> pageLoads = new ConcurrentHashMap<>();

    private final PageEngine<S> engine;
    private final Map<Key, Entry<S>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private final int queueCapacity;
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    public HttpStates(PageEngine<S> engine, long ttlMillis, int maxEntries, int queueCapacity) {
        this.engine = engine;
        this.ttlNanos = ttlMillis * 1_000_000L;
        this.maxEntries = maxEntries;
        this.queueCapacity = queueCapacity;
    }

    /** The entry of {@code group} and {@code path}, created when missing or expired. */
    public Entry<S> acquire(String group, String path, Executor executor) {
        long now = System.nanoTime();
        maybeSweep(now);
        Entry<S> e =
                entries.compute(
                        new Key(group, path),
                        (k, old) -> {
                            if (old != null && now - old.lastAccess <= ttlNanos) {
                                old.lastAccess = now;
                                return old;
                            }
                            return new Entry<>(
                                    new SerialQueue(executor, queueCapacity),
                                    engine.httpSession(group, path),
                                    now);
                        });
        if (entries.size() > maxEntries) {
            evictOldest();
        }
        return e;
    }

    /**
     * Makes the last state of a closed WebSocket's session the group's HTTP state for its path, so
     * that actions the client POSTs while it reconnects act on what the tab showed.
     */
    void adopt(PageSession<S> closed, Executor executor) {
        S state = closed.state();
        Flash flash = closed.flash();
        PersistMark mark = closed.mark();
        Entry<S> e = acquire(closed.visitor().groupId(), closed.path(), executor);
        e.queue().force(() -> e.session().adopt(state, flash, mark));
    }

    /**
     * Remembers the state {@code session} was just rendered with (a page re-rendered after a native
     * form post with errors), so that the tab's WebSocket, which connects right after, shows it
     * instead of a fresh mount that would drop the errors and the typed values. Call on the
     * session's queue. Taken once, within 30 s.
     */
    public void handOff(String group, String path, PageSession<S> session) {
        S state = session.state();
        if (state != null) {
            handoffs.put(new Key(group, path), new Handoff<>(state, System.nanoTime()));
        }
    }

    /**
     * Notes a page load of {@code group} on {@code path}: the WebSocket that follows it (within a
     * minute) is a new connection, not a reconnect.
     */
    public void notePageLoad(String group, String path) {
        long now = System.nanoTime();
        pageLoads.compute(
                new Key(group, path),
                (k, old) ->
                        new Loads(
                                old == null || now - old.at() > PAGE_LOAD_NANOS
                                        ? 1
                                        : Math.min(old.count() + 1, 64),
                                now));
    }

    /** Whether a page load of {@code group} on {@code path} waited for this WebSocket; takes it. */
    boolean takePageLoad(String group, String path) {
        boolean[] took = {false};
        long now = System.nanoTime();
        pageLoads.computeIfPresent(
                new Key(group, path),
                (k, old) -> {
                    if (now - old.at() > PAGE_LOAD_NANOS) {
                        return null;
                    }
                    took[0] = true;
                    return old.count() > 1 ? new Loads(old.count() - 1, old.at()) : null;
                });
        return took[0];
    }

    /** The state handed off for {@code group} and {@code path}, or {@code null}; removes it. */
    S takeHandoff(String group, String path) {
        if (handoffs.isEmpty()) {
            return null;
        }
        Handoff<S> h = handoffs.remove(new Key(group, path));
        return h == null || System.nanoTime() - h.at() > HANDOFF_NANOS ? null : h.state();
    }

    private void maybeSweep(long now) {
        long last = lastSweep.get();
        if (now - last < Math.max(ttlNanos / 4, 1_000_000_000L)
                || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        handoffs.values().removeIf(h -> now - h.at() > HANDOFF_NANOS);
        pageLoads.values().removeIf(l -> now - l.at() > PAGE_LOAD_NANOS);
        for (Map.Entry<Key, Entry<S>> me : entries.entrySet()) {
            entries.computeIfPresent(
                    me.getKey(),
                    (k, e) -> now - e.lastAccess > ttlNanos && e.queue().size() == 0 ? null : e);
        }
    }

    private void evictOldest() {
        Key oldest = null;
        long oldestAccess = Long.MAX_VALUE;
        for (Map.Entry<Key, Entry<S>> me : entries.entrySet()) {
            long a = me.getValue().lastAccess;
            if (a < oldestAccess) {
                oldestAccess = a;
                oldest = me.getKey();
            }
        }
        if (oldest != null) {
            entries.remove(oldest);
        }
    }
}
