package io.github.livetemplate.examples.todo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * In-memory to-do lists, one per session group (the browser's session cookie, so every tab of a
 * browser shares one list). Thread-safe: the runtime runs the actions of different connections
 * concurrently, and two tabs of one browser may change the same list at the same time.
 *
 * <p>Bounded like the runtime's HTTP states: showing a list creates nothing (a visitor who never
 * adds an item, such as a client without cookies, whose every page load is a new session group,
 * costs no memory); a list unused for {@link #DEFAULT_IDLE} while no tab of its browser is
 * connected is dropped (the session cookie ends with the browser, so the list is unreachable by
 * then); and past {@link #DEFAULT_MAX_LISTS} lists the least recently used one is dropped. A real
 * application would use a database keyed by user.
 */
public final class TodoRepository {
    /** The most items one list may hold. */
    public static final int MAX_ITEMS = 500;

    /** How long an unused list of a browser with no connected tab is kept. */
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);

    /** The most lists kept. */
    public static final int DEFAULT_MAX_LISTS = 100_000;

    private final long idleNanos;
    private final int maxLists;
    private final LongSupplier clock;

    /** Least recently used first; guarded by {@code this}. */
    private final LinkedHashMap<String, Entry> lists = new LinkedHashMap<>(16, 0.75f, true);

    /** Connected tabs per session group (entries only while one is); guarded by {@code this}. */
    private final Map<String, Integer> tabs = new HashMap<>();

    private static final class Entry {
        final TodoList list = new TodoList();
        long lastUsed;
    }

    /** Lists kept for {@link #DEFAULT_IDLE}, at most {@link #DEFAULT_MAX_LISTS}. */
    public TodoRepository() {
        this(DEFAULT_IDLE, DEFAULT_MAX_LISTS, System::nanoTime);
    }

    /**
     * @param idle how long an unused list with no connected tab is kept
     * @param maxLists the most lists kept
     * @param clock {@link System#nanoTime()}, or a test's clock
     */
    public TodoRepository(Duration idle, int maxLists, LongSupplier clock) {
        if (idle.isNegative() || idle.isZero() || maxLists < 1) {
            throw new IllegalArgumentException("need a positive idle time and maxLists");
        }
        this.idleNanos = idle.toNanos();
        this.maxLists = maxLists;
        this.clock = clock;
    }

    /** The list of session group {@code groupId}, created empty on first use; for changes. */
    public TodoList list(String groupId) {
        synchronized (this) {
            long now = clock.getAsLong();
            Entry e = lists.get(groupId);
            if (e == null) {
                e = new Entry();
                lists.put(groupId, e);
            }
            e.lastUsed = now;
            evict(now);
            return e.list;
        }
    }

    /** The items of session group {@code groupId}, oldest first; creates nothing. */
    public List<Todo> items(String groupId) {
        TodoList list;
        synchronized (this) {
            long now = clock.getAsLong();
            Entry e = lists.get(groupId);
            evict(now);
            if (e == null) {
                return List.of();
            }
            e.lastUsed = now;
            list = e.list;
        }
        return list.all();
    }

    /** A tab of {@code groupId} connected: its list is kept however long it stays idle. */
    public synchronized void connected(String groupId) {
        tabs.merge(groupId, 1, Integer::sum);
    }

    /** A tab of {@code groupId} disconnected; the idle time starts when the last one has. */
    public synchronized void disconnected(String groupId) {
        if (tabs.computeIfPresent(groupId, (g, n) -> n > 1 ? n - 1 : null) == null) {
            Entry e = lists.get(groupId);
            if (e != null) {
                e.lastUsed = clock.getAsLong();
            }
        }
    }

    /** How many lists are kept. */
    public synchronized int size() {
        return lists.size();
    }

    /**
     * Drops lists from the least recently used end: over the bound, or idle with no connected tab.
     * A connected list met there is used again (moved to the other end), so each call does work in
     * proportion to what it drops, plus at most one move per connected list and idle period.
     */
    private void evict(long now) {
        Iterator<Map.Entry<String, Entry>> it = lists.entrySet().iterator();
        int moved = 0;
        List<Map.Entry<String, Entry>> keep = null;
        while (it.hasNext()) {
            Map.Entry<String, Entry> oldest = it.next();
            Entry e = oldest.getValue();
            boolean over = lists.size() > maxLists;
            boolean idle = now - e.lastUsed > idleNanos;
            if (!over && !idle) {
                break;
            }
            if (!over && tabs.containsKey(oldest.getKey())) {
                if (keep == null) {
                    keep = new ArrayList<>();
                }
                keep.add(oldest);
                it.remove();
                if (++moved >= 64) {
                    break; // bounded work per call; the rest waits for the next one
                }
                continue;
            }
            it.remove();
        }
        if (keep != null) {
            for (Map.Entry<String, Entry> k : keep) {
                k.getValue().lastUsed = now;
                lists.put(k.getKey(), k.getValue());
            }
        }
    }

    /** One session group's list. Every method is atomic. */
    public static final class TodoList {
        private final List<Todo> items = new ArrayList<>();
        private long nextId = 1;

        TodoList() {}

        /** An immutable snapshot of the items, oldest first. */
        public synchronized List<Todo> all() {
            return List.copyOf(items);
        }

        /**
         * Appends an item with a fresh id.
         *
         * @return the new item, or {@code null} when the list already holds {@link #MAX_ITEMS}
         */
        public synchronized Todo add(String text) {
            if (items.size() >= MAX_ITEMS) {
                return null;
            }
            Todo todo = new Todo("t" + nextId++, text, false);
            items.add(todo);
            return todo;
        }

        /** Flips {@code done} of item {@code id}; returns whether it exists. */
        public synchronized boolean toggle(String id) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).id().equals(id)) {
                    items.set(i, items.get(i).toggled());
                    return true;
                }
            }
            return false;
        }

        /** Removes item {@code id}; returns whether it existed. */
        public synchronized boolean delete(String id) {
            return items.removeIf(t -> t.id().equals(id));
        }

        /** Removes every done item; returns how many. */
        public synchronized int clearDone() {
            int before = items.size();
            items.removeIf(Todo::done);
            return before - items.size();
        }
    }
}
