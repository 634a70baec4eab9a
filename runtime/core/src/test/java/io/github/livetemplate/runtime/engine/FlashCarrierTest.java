package io.github.livetemplate.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.livetemplate.runtime.Flash;
import io.github.livetemplate.runtime.ResponseCookie;
import io.github.livetemplate.runtime.session.MemorySessionStore;
import io.github.livetemplate.runtime.session.SessionStore;
import io.github.livetemplate.runtime.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** Where a native form post's flash waits for the page load after its redirect. */
class FlashCarrierTest {
    private static final Flash SAVED = Flash.of(Map.of("saved", "Welcome"));
    private static final String PAGE = "group1|/f";

    /** A shared store as the carrier sees it (the default take: load, then delete). */
    static final class MapStore implements SessionStore {
        final Map<String, byte[]> values = new ConcurrentHashMap<>();
        Duration lastTtl;

        @Override
        public byte[] load(String key) {
            return values.get(key);
        }

        @Override
        public void save(String key, byte[] json) {
            values.put(key, json);
        }

        @Override
        public void saveBriefly(String key, byte[] json, Duration ttl) {
            lastTtl = ttl;
            save(key, json);
        }

        @Override
        public void delete(String key) {
            values.remove(key);
        }
    }

    /** A store whose every call fails. */
    static final class DownStore implements SessionStore {
        @Override
        public byte[] load(String key) {
            throw new IllegalStateException("down");
        }

        @Override
        public void save(String key, byte[] json) {
            throw new IllegalStateException("down");
        }

        @Override
        public void delete(String key) {
            throw new IllegalStateException("down");
        }
    }

    /** The request cookies of the page load that follows the redirect. */
    private static final Map<String, String> WAITING = Map.of(FlashCarrier.COOKIE, "1");

    @Test
    void withTheInMemoryStoreTheFlashStaysInTheSession() {
        FlashCarrier carrier = new FlashCarrier(new MemorySessionStore());
        List<ResponseCookie> set = new ArrayList<>();
        assertEquals(SAVED, carrier.carry(PAGE, SAVED, set::add), "kept in memory");
        assertEquals(SAVED, carrier.pickUp(PAGE, SAVED, Map.of(), set::add));
        assertEquals(List.of(), set, "no cookie");
    }

    @Test
    void withASharedStoreItIsStoredBrieflyAndTakenOnce() {
        MapStore store = new MapStore();
        FlashCarrier carrier = new FlashCarrier(store);
        List<ResponseCookie> set = new ArrayList<>();
        assertEquals(Flash.none(), carrier.carry(PAGE, SAVED, set::add), "nothing left in memory");
        assertEquals(FlashCarrier.TTL, store.lastTtl);
        assertEquals(Map.of("flash:" + PAGE, "{\"saved\":\"Welcome\"}"), text(store.values));
        assertEquals(
                List.of(ResponseCookie.of(FlashCarrier.COOKIE, "1").withMaxAge(FlashCarrier.TTL)),
                set);

        // a page load without the cookie does not look
        assertEquals(Flash.none(), carrier.pickUp(PAGE, Flash.none(), Map.of(), c -> {}));
        assertEquals(1, store.values.size());

        List<ResponseCookie> next = new ArrayList<>();
        assertEquals(SAVED, carrier.pickUp(PAGE, Flash.none(), WAITING, next::add));
        assertEquals(List.of(ResponseCookie.delete(FlashCarrier.COOKIE)), next, "cookie deleted");
        assertEquals(Flash.none(), carrier.pickUp(PAGE, Flash.none(), WAITING, next::add), "once");
        assertEquals(
                Flash.none(), carrier.pickUp("group1|/other", Flash.none(), WAITING, next::add));
    }

    @Test
    void anEmptyFlashIsNotStored() {
        MapStore store = new MapStore();
        List<ResponseCookie> set = new ArrayList<>();
        assertEquals(Flash.none(), new FlashCarrier(store).carry(PAGE, Flash.none(), set::add));
        assertEquals(Map.of(), store.values);
        assertEquals(List.of(), set);
    }

    @Test
    void aFailingStoreKeepsTheFlashOnThisInstanceAndLogs() {
        FlashCarrier carrier = new FlashCarrier(new DownStore());
        try (LogCapture log = new LogCapture("io.github.livetemplate")) {
            List<ResponseCookie> set = new ArrayList<>();
            assertEquals(SAVED, carrier.carry(PAGE, SAVED, set::add), "not lost");
            assertEquals(List.of(), set);
            assertEquals(
                    SAVED, carrier.pickUp(PAGE, SAVED, WAITING, set::add), "the one in memory");
            assertEquals(Flash.none(), carrier.pickUp(PAGE, Flash.none(), WAITING, set::add));
            assertEquals(2, log.at(Level.WARNING).size(), log.records.toString());
        }
    }

    private static Map<String, String> text(Map<String, byte[]> values) {
        Map<String, String> out = new java.util.HashMap<>();
        values.forEach(
                (k, v) -> out.put(k, new String(v, java.nio.charset.StandardCharsets.UTF_8)));
        return out;
    }
}
