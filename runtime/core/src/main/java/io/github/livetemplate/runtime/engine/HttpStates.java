package io.github.livetemplate.runtime.engine;

import io.github.livetemplate.runtime.Flash;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Internal: the HTTP-side state of each session group and page path. HTTP requests (page loads,
 * JSON GETs, POSTed actions) of one group and path work on one {@link Entry}, one at a time
 * through its queue. When a WebSocket of that group and path closes, its last state is
 * {@linkplain #adopt adopted}, so actions the client POSTs while it reconnects act on what the tab
 * showed.
 *
 * <p>Entries idle longer than the TTL are dropped; beyond {@code maxEntries} the least recently
 * used entry goes first.
 *
 * @param <S> the state record type
 */
public final class HttpStates<S> {

  /** The state of one group and path. Fields are touched only by tasks of {@link #queue}. */
  public static final class Entry<S> {
    private final SerialQueue queue;
    private volatile long lastAccess;
    /** {@code null} until mounted. */
    public S state;
    public Flash flash = Flash.none();
    /** What this state last loaded from or saved to the session store. */
    public PersistMark persist = new PersistMark();

    Entry(SerialQueue queue, long now) {
      this.queue = queue;
      this.lastAccess = now;
    }

    /** The queue every task on this entry must run on. */
    public SerialQueue queue() {
      return queue;
    }
  }

  private record Key(String group, String path) {}

  private final Map<Key, Entry<S>> entries = new ConcurrentHashMap<>();
  private final long ttlNanos;
  private final int maxEntries;
  private final int queueCapacity;
  private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

  public HttpStates(long ttlMillis, int maxEntries, int queueCapacity) {
    this.ttlNanos = ttlMillis * 1_000_000L;
    this.maxEntries = maxEntries;
    this.queueCapacity = queueCapacity;
  }

  /**
   * The entry of {@code group} and {@code path}, created when missing.
   *
   * @param persistent {@code false} for a request without a session cookie: a fresh entry that
   *     is not stored
   */
  public Entry<S> acquire(String group, String path, boolean persistent, Executor executor) {
    long now = System.nanoTime();
    if (!persistent) {
      return new Entry<>(new SerialQueue(executor, queueCapacity), now);
    }
    maybeSweep(now);
    Entry<S> e = entries.compute(new Key(group, path), (k, old) -> {
      if (old != null && now - old.lastAccess <= ttlNanos) {
        old.lastAccess = now;
        return old;
      }
      return new Entry<>(new SerialQueue(executor, queueCapacity), now);
    });
    if (entries.size() > maxEntries) {
      evictOldest();
    }
    return e;
  }

  /** Makes {@code state} the group's HTTP state for {@code path} (a closed WebSocket's last state). */
  public void adopt(String group, String path, S state, Flash flash, PersistMark persist,
      Executor executor) {
    Entry<S> e = acquire(group, path, true, executor);
    e.queue().force(() -> {
      e.state = state;
      e.flash = flash;
      if (persist != null) {
        e.persist = persist;
      }
    });
  }

  /** The number of stored entries. */
  public int size() {
    return entries.size();
  }

  private void maybeSweep(long now) {
    long last = lastSweep.get();
    if (now - last < Math.max(ttlNanos / 4, 1_000_000_000L) || !lastSweep.compareAndSet(last, now)) {
      return;
    }
    for (Map.Entry<Key, Entry<S>> me : entries.entrySet()) {
      entries.computeIfPresent(me.getKey(),
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
