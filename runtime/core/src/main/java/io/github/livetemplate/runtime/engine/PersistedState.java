package io.github.livetemplate.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.runtime.generated.PersistedFields;
import io.github.livetemplate.runtime.generated.TypeRef;
import io.github.livetemplate.runtime.session.SessionStore;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the {@code @Persist} components of a page's state between the state and the {@link
 * SessionStore}, per session group and page, as JSON (the store key is {@link #key(String,
 * String)}: two pages of one browser sharing a store keep their components apart). A failing store
 * or unreadable stored value never breaks the page: it is logged and the page goes on from the
 * values it has.
 *
 * @param <S> the state record type
 */
final class PersistedState<S> {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.livetemplate");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Actions<S> actions;
    private final SessionStore store;

    /** Store calls that threw (the store's own handled failures: {@link SessionStore#failures}). */
    private final AtomicLong storeErrors = new AtomicLong();

    /** Whether the state record has {@code @Persist} components (else the store is never used). */
    private final boolean persists;

    PersistedState(Actions<S> actions, SessionStore store, S initialState) {
        this.actions = actions;
        this.store = store;
        Map<String, Object> fields = actions.persistedFields(initialState);
        this.persists = fields != null && !fields.isEmpty();
    }

    /**
     * The store key of a session group's page: {@code <group>|<path>}, the path without a trailing
     * slash ({@code /} for the root). A group id never contains {@code |}.
     */
    static String key(String groupId, String path) {
        String p = path == null ? "" : path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return groupId + "|" + (p.isEmpty() ? "/" : p);
    }

    /** Store calls that failed: thrown here, or handled and counted by the store itself. */
    long storeErrors() {
        return storeErrors.get() + store.failures();
    }

    /** The store key of session {@code s}. */
    static String key(PageSession<?> s) {
        return key(s.visitor().groupId(), s.path());
    }

    /** {@code base} with the page's stored persisted components applied; never throws. */
    S restore(S base, String key, PersistMark mark) {
        if (!persists || mark == null) {
            return base;
        }
        byte[] json;
        try {
            json = store.load(key);
        } catch (RuntimeException e) {
            storeErrors.incrementAndGet();
            LOG.warn("the session store failed to load; starting from initial values", e);
            return base;
        }
        mark.last = json;
        if (json == null) {
            return base;
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                LOG.debug("ignoring stored persisted state that is not a JSON object");
                return base;
            }
            S restored = actions.restorePersisted(base, new JsonFields(node));
            return restored != null ? restored : base;
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.warn("cannot restore persisted state; starting from initial values", e);
            return base;
        }
    }

    /**
     * Saves the persisted components of {@code state} under {@code key} when they differ from what
     * {@code mark} last loaded or saved; never throws.
     */
    void save(S state, String key, PersistMark mark) {
        if (!persists || mark == null) {
            return;
        }
        byte[] bytes;
        try {
            Map<String, Object> fields = actions.persistedFields(state);
            if (fields == null || fields.isEmpty()) {
                return;
            }
            bytes = MAPPER.writeValueAsBytes(fields);
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.warn("cannot serialize the persisted components; not saved", e);
            return;
        }
        if (Arrays.equals(bytes, mark.last)) {
            return;
        }
        try {
            store.save(key, bytes);
            mark.last = bytes;
        } catch (RuntimeException e) {
            storeErrors.incrementAndGet();
            LOG.warn("the session store failed to save", e);
        }
    }

    /** The stored JSON object, read back per component through Jackson. */
    private static final class JsonFields implements PersistedFields {
        private final JsonNode node;

        JsonFields(JsonNode node) {
            this.node = node;
        }

        @Override
        public boolean has(String name) {
            return node.has(name);
        }

        @Override
        public <T> T get(String name, TypeRef<T> type) {
            JsonNode v = node.get(name);
            if (v == null) {
                return null;
            }
            try {
                return MAPPER.readerFor(MAPPER.constructType(type.type())).readValue(v);
            } catch (IOException | RuntimeException e) {
                LOG.debug("stored value of \"" + name + "\" does not read as " + type.type(), e);
                return null;
            }
        }
    }
}
