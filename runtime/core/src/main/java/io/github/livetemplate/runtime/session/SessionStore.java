package io.github.livetemplate.runtime.session;

/**
 * Where the {@link Persist} components of a page's state live between connections: one JSON object
 * (component name → value) per session group and page, shared by every tab of the browser and, with
 * a shared store such as {@link RedisSessionStore}, by every instance. The runtime's key is {@code
 * <group id>|<page path>} (the path without a trailing slash), so two pages of one browser that
 * share a store keep their components apart. Configure it with {@link
 * LiveHandler.Builder#sessionStore(SessionStore)}; the default is a new {@link MemorySessionStore}.
 *
 * <p>The runtime calls it on the connection's queue (a worker thread), so implementations must be
 * thread-safe and should bound how long a call can block. They should not throw: a store that
 * cannot answer returns {@code null} from {@link #load} (the page starts from its initial values)
 * and skips a {@link #save}. (The runtime also catches and logs what a store throws.)
 */
public interface SessionStore {

    /** The stored JSON object under {@code key}, or {@code null} when there is none. */
    byte[] load(String key);

    /** Stores {@code json} (a UTF-8 JSON object) under {@code key}, replacing any value. */
    void save(String key, byte[] json);

    /** Removes what is stored under {@code key}. */
    void delete(String key);

    /**
     * How many calls this store failed and handled itself (logged instead of throwing) since it was
     * created, reported by the runtime's metrics ({@code livetemplate.session_store.errors}, with
     * the calls that threw). Default: 0, for stores that do not count.
     */
    default long failures() {
        return 0;
    }

    /**
     * Stores {@code json} under {@code key} for at most {@code ttl}, for a value that is read once
     * with {@link #take}: the flash a native form post leaves for the page its redirect loads,
     * maybe on another instance (docs/runtime.md §13). Default: {@link #save} (the store's own
     * expiry applies).
     */
    default void saveBriefly(String key, byte[] json, java.time.Duration ttl) {
        save(key, json);
    }

    /**
     * Removes and returns what is stored under {@code key}, or {@code null}; of concurrent callers
     * at most one should get it. Default: {@link #load} then {@link #delete}, which is not atomic;
     * a store shared between instances overrides it (Redis: {@code GETDEL}).
     */
    default byte[] take(String key) {
        byte[] json = load(key);
        if (json != null) {
            delete(key);
        }
        return json;
    }
}
