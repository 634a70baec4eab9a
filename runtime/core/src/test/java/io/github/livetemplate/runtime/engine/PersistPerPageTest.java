package io.github.livetemplate.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.livetemplate.runtime.pubsub.InProcessBroadcaster;
import io.github.livetemplate.runtime.session.MemorySessionStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two pages sharing one session store keep their {@code @Persist} components apart: the store key
 * is the session group and the page, not the group alone.
 */
class PersistPerPageTest {
    private final MemorySessionStore store = new MemorySessionStore();

    private HttpStates<CounterPage.Counter> page() {
        CounterPage.Controller c = new CounterPage.Controller();
        c.persistCount = true;
        PageEngine<CounterPage.Counter> engine =
                new PageEngine<>(
                        new CounterPage.Renderer(),
                        c,
                        CounterPage.Counter.initial(),
                        null,
                        store,
                        new PushHub<>(new InProcessBroadcaster(), (t, ctx) -> true));
        return new HttpStates<>(engine, 60_000, 100, 16);
    }

    private static PageSession<CounterPage.Counter> session(
            HttpStates<CounterPage.Counter> page, String group, String path) {
        return page.acquire(group, path, EngineFixture.INLINE)
                .session()
                .forRequest(new Visitor(group, ""), Map.of());
    }

    private static String count(PageSession<CounterPage.Counter> s) {
        return EngineFixture.parse(s.tree().last()).get("tree").get("0").asText();
    }

    @Test
    void twoPagesOfOneGroupDoNotOverwriteEachOthersPersistedComponents() {
        // given two pages on one store, visited by one browser (group g)
        HttpStates<CounterPage.Counter> a = page();
        HttpStates<CounterPage.Counter> b = page();
        PageSession<CounterPage.Counter> onA = session(a, "g", "/a");
        onA.receive("{\"action\":\"add\",\"data\":{\"n\":5}}".getBytes());
        PageSession<CounterPage.Counter> onB = session(b, "g", "/b");
        onB.receive("{\"action\":\"add\",\"data\":{\"n\":7}}".getBytes());

        // when each page is loaded again
        PageSession<CounterPage.Counter> reloadA = session(a, "g", "/a");
        PageSession<CounterPage.Counter> reloadB = session(b, "g", "/b");
        reloadA.load();
        reloadB.load();

        // then each page restores its own count
        assertEquals("5", count(reloadA));
        assertEquals("7", count(reloadB));
    }

    @Test
    void theKeyNamesGroupAndPage() {
        assertEquals("g|/a", PersistedState.key("g", "/a"));
        assertEquals("g|/a", PersistedState.key("g", "/a/"), "a trailing slash is the same page");
        assertEquals("g|/", PersistedState.key("g", "/"));
        assertEquals("g|/", PersistedState.key("g", ""));
    }
}
