package io.github.livetemplate.examples.todo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory to-do lists, one per session group (the browser's session cookie, so every tab of a
 * browser shares one list). Thread-safe: the runtime runs the actions of different connections
 * concurrently, and two tabs of one browser may change the same list at the same time.
 *
 * <p>This is example storage: lists live as long as the process and are never evicted. A real
 * application would use a database keyed by user.
 */
public final class TodoRepository {
    /** The most items one list may hold. */
    public static final int MAX_ITEMS = 500;

    private final Map<String, TodoList> lists = new ConcurrentHashMap<>();

    /** The list of session group {@code groupId}, created empty on first use. */
    public TodoList list(String groupId) {
        return lists.computeIfAbsent(groupId, g -> new TodoList());
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
