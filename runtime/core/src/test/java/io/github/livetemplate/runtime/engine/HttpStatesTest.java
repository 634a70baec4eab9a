package io.github.livetemplate.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.pubsub.InProcessBroadcaster;
import io.github.livetemplate.runtime.session.MemorySessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTP states' bound never overshoots (also under concurrent page loads), the least recently
 * used state goes first, and expired states are dropped without a scan.
 */
@Timeout(30)
class HttpStatesTest {
    static PageEngine<CounterPage.Counter> engine() {
        return new PageEngine<>(
                new CounterPage.Renderer(),
                new CounterPage.Controller(),
                CounterPage.Counter.initial(),
                null,
                new MemorySessionStore(),
                new PushHub<>(new InProcessBroadcaster(), (t, c) -> true));
    }

    @Test
    void theCapNeverOvershoots() {
        HttpStates<CounterPage.Counter> states = new HttpStates<>(engine(), 60_000, 100, 4);
        for (int i = 0; i < 10_000; i++) {
            states.acquire("g" + i, "/p", EngineFixture.INLINE);
            assertTrue(states.size() <= 100, "at most 100 after " + i + ": " + states.size());
        }
        assertEquals(100, states.size());
    }

    @Test
    void theCapHoldsUnderConcurrentLoads() throws Exception {
        HttpStates<CounterPage.Counter> states = new HttpStates<>(engine(), 60_000, 1000, 4);
        AtomicInteger worst = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            Thread thread =
                    new Thread(
                            () -> {
                                for (int i = 0; i < 20_000; i++) {
                                    states.acquire("t" + id + "-" + i, "/p", EngineFixture.INLINE);
                                    worst.accumulateAndGet(states.size(), Math::max);
                                }
                            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1000, worst.get(), "never above the bound");
    }

    @Test
    void theLeastRecentlyUsedGoesFirst() {
        HttpStates<CounterPage.Counter> states = new HttpStates<>(engine(), 60_000, 3, 4);
        HttpStates.Entry<CounterPage.Counter> a = states.acquire("a", "/p", EngineFixture.INLINE);
        states.acquire("b", "/p", EngineFixture.INLINE);
        states.acquire("c", "/p", EngineFixture.INLINE);
        assertSame(a, states.acquire("a", "/p", EngineFixture.INLINE), "a used again");
        states.acquire("d", "/p", EngineFixture.INLINE); // b goes
        assertSame(a, states.acquire("a", "/p", EngineFixture.INLINE));
        HttpStates.Entry<CounterPage.Counter> b = states.acquire("b", "/p", EngineFixture.INLINE);
        assertEquals(3, states.size());
        assertNotSame(null, b);
    }

    @Test
    void expiredStatesAreReplacedAndSwept() throws Exception {
        HttpStates<CounterPage.Counter> states = new HttpStates<>(engine(), 20, 1000, 4);
        HttpStates.Entry<CounterPage.Counter> old = states.acquire("a", "/p", EngineFixture.INLINE);
        for (int i = 0; i < 10; i++) {
            states.acquire("x" + i, "/p", EngineFixture.INLINE);
        }
        Thread.sleep(50);
        assertNotSame(old, states.acquire("a", "/p", EngineFixture.INLINE), "expired: a new one");
        states.acquire("y", "/p", EngineFixture.INLINE);
        assertEquals(2, states.size(), "the expired ones were swept: " + states.size());
    }
}
