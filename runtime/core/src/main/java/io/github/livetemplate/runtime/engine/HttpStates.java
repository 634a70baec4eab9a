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

    /** Whether no HTTP request is queued or running on any state (for a graceful shutdown). */
    public boolean idle() {
        for (Entry<S> e : entries.values()) {
            if (e.queue().size() > 0) {
                return false;
            }
        }
        return true;
    }

    private void maybeSweep(long now) {
        long last = lastSweep.get();
        if (now - last < Math.max(ttlNanos / 4, 1_000_000_000L)
                || !lastSweep.compareAndSet(last, now)) {
            return;
        }
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
