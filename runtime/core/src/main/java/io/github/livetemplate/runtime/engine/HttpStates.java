package io.github.livetemplate.runtime.engine;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.ToLongFunction;

/**
 * Internal: the HTTP-side state of each session group and page path. HTTP requests (page loads,
 * JSON GETs, POSTed actions) of one group and path work on one {@link Entry}, one at a time through
 * its queue. When a WebSocket of that group and path closes, its last state is {@linkplain #adopt
 * adopted}, so actions the client POSTs while it reconnects act on what the tab showed.
 *
 * <p>Entries idle longer than the TTL are dropped; beyond {@code maxEntries} the least recently
 * used entry goes first. Both happen in O(1) per request (an access-ordered map), never by scanning
 * every state.
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

    /** How many expired entries one {@link #acquire} drops at most (bounded work per request). */
    private static final int SWEEP_PER_ACQUIRE = 16;

    /** A state a page was last rendered with over HTTP, for the WebSocket that follows. */
    private record Handoff<S>(S state, long at) {}

    /** How long a hand-off waits for its WebSocket. */
    private static final long HANDOFF_NANOS = 30_000_000_000L;

    /** Page loads not yet followed by their WebSocket: how many, and when the last was. */
    private record Loads(int count, long at) {}

    /** How long a page load waits for its WebSocket to count it as a new connection. */
    private static final long PAGE_LOAD_NANOS = 60_000_000_000L;

    /**
     * Hand-offs and page-load notes, guarded by {@code this} like {@link #entries}: ordered by
     * their time, so expired ones are dropped from the front in O(1), and bounded by {@code
     * maxEntries} like the states.
     */
    private final LinkedHashMap<Key, Handoff<S>> handoffs = new LinkedHashMap<>(16, 0.75f, true);

    private final LinkedHashMap<Key, Loads> pageLoads = new LinkedHashMap<>(64, 0.75f, true);

    private final PageEngine<S> engine;

    /**
     * Access-ordered (least recently used first), guarded by {@code this}: every operation is O(1),
     * so no request scans the states, and the bound is enforced inside the same critical section
     * that adds an entry, so it never overshoots.
     */
    private final LinkedHashMap<Key, Entry<S>> entries = new LinkedHashMap<>(64, 0.75f, true);

    private final long ttlNanos;
    private final int maxEntries;
    private final int queueCapacity;

    public HttpStates(PageEngine<S> engine, long ttlMillis, int maxEntries, int queueCapacity) {
        this.engine = engine;
        this.ttlNanos = ttlMillis * 1_000_000L;
        this.maxEntries = maxEntries;
        this.queueCapacity = queueCapacity;
    }

    /** The entry of {@code group} and {@code path}, created when missing or expired. */
    public Entry<S> acquire(String group, String path, Executor executor) {
        long now = System.nanoTime();
        Key key = new Key(group, path);
        synchronized (this) {
            sweep(now);
            Entry<S> e = entries.get(key); // moves it to the most recently used end
            if (e != null && now - e.lastAccess <= ttlNanos) {
                e.lastAccess = now;
                return e;
            }
            e =
                    new Entry<>(
                            new SerialQueue(executor, queueCapacity),
                            engine.httpSession(group, path),
                            now);
            entries.put(key, e);
            // The least recently used go first; a request still running on one keeps its entry
            // object and finishes on it.
            Iterator<Entry<S>> lru = entries.values().iterator();
            while (entries.size() > maxEntries && lru.hasNext()) {
                lru.next();
                lru.remove();
            }
            return e;
        }
    }

    /** The number of HTTP states held. */
    public synchronized int size() {
        return entries.size();
    }

    /** Drops a few expired entries from the least recently used end; O(1) per call. */
    private void sweep(long now) {
        dropExpired(handoffs, Handoff::at, HANDOFF_NANOS, now);
        dropExpired(pageLoads, Loads::at, PAGE_LOAD_NANOS, now);
        Iterator<Entry<S>> lru = entries.values().iterator();
        for (int i = 0; i < SWEEP_PER_ACQUIRE && lru.hasNext(); i++) {
            Entry<S> e = lru.next();
            if (now - e.lastAccess <= ttlNanos) {
                return; // the rest were used later
            }
            if (e.queue().size() == 0) {
                lru.remove();
            }
        }
    }

    /**
     * Runs {@code disconnect} (onDisconnect of a closed WebSocket's session) on the HTTP queue of
     * its group and path, then makes the session's last state that queue's HTTP state, so that
     * actions the client POSTs while it reconnects act on what the tab showed: a POST that arrives
     * meanwhile queues behind both.
     */
    void adoptAfter(PageSession<S> closed, Executor executor, Runnable disconnect) {
        Entry<S> e = acquire(closed.visitor().groupId(), closed.path(), executor);
        e.queue()
                .force(
                        () -> {
                            try {
                                disconnect.run();
                            } finally {
                                e.session().adopt(closed.state(), closed.flash(), closed.mark());
                            }
                        });
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
            synchronized (this) {
                bounded(handoffs)
                        .put(new Key(group, path), new Handoff<>(state, System.nanoTime()));
            }
        }
    }

    /**
     * Notes a page load of {@code group} on {@code path}: the WebSocket that follows it (within a
     * minute) is a new connection, not a reconnect.
     */
    public synchronized void notePageLoad(String group, String path) {
        long now = System.nanoTime();
        Key key = new Key(group, path);
        Loads old = pageLoads.get(key);
        int count =
                old == null || now - old.at() > PAGE_LOAD_NANOS ? 1 : Math.min(old.count() + 1, 64);
        bounded(pageLoads).put(key, new Loads(count, now));
    }

    /** Whether a page load of {@code group} on {@code path} waited for this WebSocket; takes it. */
    synchronized boolean takePageLoad(String group, String path) {
        Key key = new Key(group, path);
        Loads old = pageLoads.remove(key);
        if (old == null || System.nanoTime() - old.at() > PAGE_LOAD_NANOS) {
            return false;
        }
        if (old.count() > 1) {
            pageLoads.put(key, new Loads(old.count() - 1, old.at()));
        }
        return true;
    }

    /** The state handed off for {@code group} and {@code path}, or {@code null}; removes it. */
    synchronized S takeHandoff(String group, String path) {
        if (handoffs.isEmpty()) {
            return null;
        }
        Handoff<S> h = handoffs.remove(new Key(group, path));
        return h == null || System.nanoTime() - h.at() > HANDOFF_NANOS ? null : h.state();
    }

    /** {@code map} with room for one more entry: its oldest goes when it is at the bound. */
    private <V> Map<Key, V> bounded(LinkedHashMap<Key, V> map) {
        Iterator<V> oldest = map.values().iterator();
        while (map.size() >= maxEntries && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
        return map;
    }

    /** Drops a few entries older than {@code nanos} from the front of {@code map}. */
    private static <V> void dropExpired(
            LinkedHashMap<Key, V> map, ToLongFunction<V> at, long nanos, long now) {
        Iterator<V> oldest = map.values().iterator();
        for (int i = 0; i < SWEEP_PER_ACQUIRE && oldest.hasNext(); i++) {
            if (now - at.applyAsLong(oldest.next()) <= nanos) {
                return;
            }
            oldest.remove();
        }
    }

    /** Whether no HTTP request is queued or running on any state (for a graceful shutdown). */
    public synchronized boolean idle() {
        for (Entry<S> e : entries.values()) {
            if (e.queue().size() > 0) {
                return false;
            }
        }
        return true;
    }
}
