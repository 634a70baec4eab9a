package io.github.livetemplate.runtime.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The default {@link SessionStore}: in this JVM's memory, so persisted state survives reloads and
 * reconnects but not a restart or a move to another instance. A group not loaded or saved for the
 * idle TTL (default 24 hours) is dropped (swept lazily, on access); beyond the bound (default 100
 * 000 groups) the least recently used go first.
 */
public final class MemorySessionStore implements SessionStore {
    private static final class Entry {
        final byte[] json;
        volatile long lastAccess;

        Entry(byte[] json, long now) {
            this.json = json;
            this.lastAccess = now;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier clock;
    private final AtomicLong lastSweep;

    /** A store with a 24 hour idle TTL and at most 100 000 groups. */
    public MemorySessionStore() {
        this(Duration.ofHours(24), 100_000);
    }

    /** A store dropping groups idle for {@code idleTtl}, holding at most {@code maxEntries}. */
    public MemorySessionStore(Duration idleTtl, int maxEntries) {
        this(idleTtl, maxEntries, System::nanoTime);
    }

    /**
     * Like {@link #MemorySessionStore(Duration, int)}, reading time from {@code clock}
     * (milliseconds).
     */
    public MemorySessionStore(Duration idleTtl, int maxEntries, LongSupplier clock) {
        if (idleTtl.isNegative() || idleTtl.isZero() || maxEntries < 1) {
            throw new IllegalArgumentException("need a positive TTL and bound");
        }
        this.ttlNanos = idleTtl.toNanos();
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lastSweep = new AtomicLong(clock.getAsLong());
    }

    @Override
    public byte[] load(String key) {
        long now = clock.getAsLong();
        maybeSweep(now);
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (now - e.lastAccess > ttlNanos) {
            entries.remove(key, e);
            return null;
        }
        e.lastAccess = now;
        return e.json.clone();
    }

    @Override
    public void save(String key, byte[] json) {
        Objects.requireNonNull(key, "key");
        long now = clock.getAsLong();
        entries.put(key, new Entry(json.clone(), now));
        maybeSweep(now);
        if (entries.size() > maxEntries) {
            evict();
        }
    }

    @Override
    public void delete(String key) {
        entries.remove(key);
    }

    /** The number of stored groups (expired ones not swept yet included). */
    public int size() {
        return entries.size();
    }

    private void maybeSweep(long now) {
        long last = lastSweep.get();
        if (now - last < Math.min(ttlNanos / 4, 60_000_000_000L)
                || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        entries.entrySet().removeIf(en -> now - en.getValue().lastAccess > ttlNanos);
    }

    /** Drops the least recently used tenth beyond the bound (one sort for many inserts). */
    private synchronized void evict() {
        int excess = entries.size() - maxEntries;
        if (excess <= 0) {
            return;
        }
        List<Map.Entry<String, Entry>> all = new ArrayList<>(entries.entrySet());
        all.sort(Comparator.comparingLong(en -> en.getValue().lastAccess));
        int drop = Math.min(all.size(), excess + maxEntries / 10);
        for (int i = 0; i < drop; i++) {
            entries.remove(all.get(i).getKey(), all.get(i).getValue());
        }
    }
}
