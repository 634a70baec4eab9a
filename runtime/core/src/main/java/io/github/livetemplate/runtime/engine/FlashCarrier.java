package io.github.livetemplate.runtime.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.livetemplate.runtime.Flash;
import io.github.livetemplate.runtime.ResponseCookie;
import io.github.livetemplate.runtime.session.MemorySessionStore;
import io.github.livetemplate.runtime.session.SessionStore;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the flash of a native form post that succeeded to the page load its 303 leads to
 * (docs/runtime.md §13). With the default in-memory store it stays in the session's memory, as the
 * redirect comes back to this JVM's HTTP state. With a configured store (such as Redis, shared by
 * the instances behind a load balancer that need not be sticky) it is kept there under {@code
 * flash:<group>|<page>} for {@link #TTL} and taken once by whichever instance serves the load; a
 * short-lived cookie ({@link #COOKIE}) tells that instance to look, so that page loads without a
 * waiting flash never touch the store.
 */
final class FlashCarrier {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.livetemplate");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> MESSAGES =
            new TypeReference<>() {};

    /** Long enough for a browser to follow a redirect, short enough not to surprise later. */
    static final Duration TTL = Duration.ofMinutes(1);

    /** Set on the redirect's response when a flash waits in the store; deleted by the next load. */
    static final String COOKIE = "lvt-flash";

    /** The shared store, or {@code null} when the flash stays in memory. */
    private final SessionStore store;

    FlashCarrier(SessionStore store) {
        this.store = store instanceof MemorySessionStore ? null : store;
    }

    /** The store key of the flash of {@code persistKey} (a group and page). */
    static String key(String persistKey) {
        return "flash:" + persistKey;
    }

    /**
     * Leaves {@code flash} for the next page load of {@code persistKey}; returns what the session
     * keeps in memory for it (nothing when the store took it, and then {@link #COOKIE} is added to
     * {@code setCookie}).
     */
    Flash carry(String persistKey, Flash flash, Consumer<ResponseCookie> setCookie) {
        if (store == null || flash.isEmpty()) {
            return flash;
        }
        try {
            store.saveBriefly(
                    key(persistKey), MAPPER.writeValueAsBytes(new LinkedHashMap<>(flash)), TTL);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the session store failed to keep a flash; it stays on this instance", e);
            return flash;
        }
        setCookie.accept(ResponseCookie.of(COOKIE, "1").withMaxAge(TTL));
        return Flash.none();
    }

    /**
     * The flash to show on a page load of {@code persistKey}: {@code inMemory}, or the stored one
     * when the request carries {@link #COOKIE} (which is then deleted through {@code setCookie}).
     */
    Flash pickUp(
            String persistKey,
            Flash inMemory,
            Map<String, String> requestCookies,
            Consumer<ResponseCookie> setCookie) {
        if (store == null || !requestCookies.containsKey(COOKIE)) {
            return inMemory;
        }
        setCookie.accept(ResponseCookie.delete(COOKIE));
        if (!inMemory.isEmpty()) {
            return inMemory;
        }
        try {
            byte[] json = store.take(key(persistKey));
            return json == null ? Flash.none() : Flash.of(MAPPER.readValue(json, MESSAGES));
        } catch (IOException | RuntimeException e) {
            LOG.warn("the session store failed to hand over a flash; the page shows none", e);
            return Flash.none();
        }
    }
}
