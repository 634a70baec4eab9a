package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.session.SessionStore;
import io.github.livetemplate.undertow.testing.Await;
import io.github.livetemplate.undertow.testing.TestPage;
import io.github.livetemplate.undertow.testing.TestServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The meters of {@link LiveHandler.Builder#metrics} count what really happened: real Undertow on
 * loopback, a real WebSocket client and HTTP posts, a {@link SimpleMeterRegistry} read afterwards.
 */
@Timeout(60)
class MetricsTest {
    final MeterRegistry registry = new SimpleMeterRegistry();

    /** A store counting failures it handled itself (the hook Redis-backed stores can fill). */
    final SessionStore store =
            new SessionStore() {
                @Override
                public byte[] load(String key) {
                    return null;
                }

                @Override
                public void save(String key, byte[] json) {}

                @Override
                public void delete(String key) {}

                @Override
                public long failures() {
                    return 7;
                }
            };

    LiveHandler<TestPage.Page> handler;
    TestServer server;

    @BeforeEach
    void start() {
        handler =
                LiveHandler.builder(
                                new TestPage.Renderer(false),
                                new TestPage.Controller(),
                                TestPage.Page.initial())
                        .metrics(registry, "counter")
                        .sessionStore(store)
                        .rateLimit(1000, 1000)
                        .build();
        server = TestServer.with("/counter", handler);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void actionsRendersAndUpdatesAreCountedWithTheirRealSizes() throws Exception {
        // given: a connected client
        long updateBytes = 0;
        try (TestServer.WsClient ws = server.connect("/counter")) {
            ws.next(); // the first, full tree
            Await.until(() -> gauge("livetemplate.connections") == 1, "one connection open");
            assertEquals(1, timer("livetemplate.render.duration").count(), "the first tree");

            // when: three successful actions, one that throws, one with a field error, one unknown
            for (int i = 0; i < 3; i++) {
                updateBytes += utf8(reply(ws, "{\"action\":\"increment\"}"));
            }
            reply(ws, "{\"action\":\"boom\"}");
            updateBytes += utf8(reply(ws, "{\"action\":\"save\",\"data\":{\"title\":\"\"}}"));
            reply(ws, "{\"action\":\"evil-<script>\"}");

            // then
            assertEquals(3, actions("increment", "success"));
            assertEquals(1, actions("boom", "failed"));
            assertEquals(1, actions("save", "error"));
            assertEquals(1, actions("unknown", "failed"), "a name not among the page's actions");
            assertTrue(
                    registry.getMeters().stream()
                            .flatMap(m -> m.getId().getTags().stream())
                            .noneMatch(t -> t.getValue().contains("evil")),
                    "client input never becomes a tag value");
            Timer inc = timed("increment", "success");
            assertEquals(3, inc.count());
            assertTrue(inc.totalTime(TimeUnit.NANOSECONDS) > 0, "real durations");
            assertEquals(4, timer("livetemplate.diff.duration").count(), "one diff per update");
            assertTrue(timer("livetemplate.diff.duration").totalTime(TimeUnit.NANOSECONDS) > 0);
            var updates = registry.get("livetemplate.update.size").summary();
            assertEquals(4, updates.count(), "the failed actions rendered nothing");
            assertEquals(updateBytes, updates.totalAmount(), 0.0, "the bytes sent");
        }
        Await.until(() -> gauge("livetemplate.connections") == 0, "the connection closed");

        // when: an HTTP post (answered with the full tree)
        String cookie = server.session("/counter");
        String body =
                server.post("/counter", "{\"action\":\"increment\"}", "Cookie", cookie).body();

        // then
        assertEquals(4, actions("increment", "success"));
        assertEquals(
                1 + 2, timer("livetemplate.render.duration").count(), "page load and post tree");
        var updates = registry.get("livetemplate.update.size").summary();
        assertEquals(5, updates.count());
        assertEquals(updateBytes + utf8(body), updates.totalAmount(), 0.0, "the post's full tree");
        assertEquals(7, counter("livetemplate.session_store.errors"), "the store's own count");
    }

    @Test
    void refusalsAndBroadcasterFiguresAreTheHandlersCounters() throws Exception {
        // given: a handler whose rate limit is one message, then one a second
        MeterRegistry r = new SimpleMeterRegistry();
        LiveHandler<TestPage.Page> limited =
                LiveHandler.builder(
                                new TestPage.Renderer(false),
                                new TestPage.Controller(),
                                TestPage.Page.initial())
                        .metrics(r, "limited")
                        .rateLimit(1, 1)
                        .build();
        try (TestServer s = TestServer.with("/limited", limited);
                TestServer.WsClient ws = s.connect("/limited")) {
            ws.next();
            // when: five messages at once, and a publish
            for (int i = 0; i < 5; i++) {
                ws.call("{\"action\":\"increment\"}");
            }
            limited.publish("news", "increment", java.util.Map.of());
            // then
            double rateLimited =
                    r.get("livetemplate.messages.rate_limited")
                            .tag("page", "limited")
                            .functionCounter()
                            .count();
            assertTrue(rateLimited >= 3, "refused: " + rateLimited);
            assertEquals(limited.rateLimitedMessages(), rateLimited, 0.0);
            assertEquals(
                    limited.broadcaster().stats().published(),
                    r.get("livetemplate.broadcaster.publishes").functionCounter().count(),
                    0.0);
            for (String name :
                    List.of(
                            "livetemplate.broadcaster.failures",
                            "livetemplate.broadcaster.reconnects",
                            "livetemplate.uploads.refused",
                            "livetemplate.connections.refused")) {
                assertEquals(0, r.get(name).functionCounter().count(), name);
            }
            assertEquals(
                    0,
                    r.get("livetemplate.connections.closed")
                            .tag("reason", "slow_client")
                            .functionCounter()
                            .count());
            assertNull(
                    registry.find("livetemplate.actions").tag("page", "limited").counter(),
                    "each handler reports to its own registry");
        }
    }

    @Test
    void aSecondHandlerUnderTheSamePageTagIsRefused() {
        var second =
                LiveHandler.builder(
                                new TestPage.Renderer(false),
                                new TestPage.Controller(),
                                TestPage.Page.initial())
                        .metrics(registry, "counter");
        var e = assertThrows(IllegalStateException.class, second::build);
        assertTrue(e.getMessage().contains("\"counter\""), e.getMessage());
    }

    private double gauge(String name) {
        return registry.get(name).tag("page", "counter").gauge().value();
    }

    private Timer timer(String name) {
        return registry.get(name).tag("page", "counter").timer();
    }

    private double counter(String name) {
        return registry.get(name).tag("page", "counter").functionCounter().count();
    }

    private double actions(String action, String outcome) {
        var c =
                registry.find("livetemplate.actions")
                        .tags("page", "counter", "action", action, "outcome", outcome)
                        .counter();
        return c == null ? 0 : c.count();
    }

    private Timer timed(String action, String outcome) {
        return registry.get("livetemplate.action.duration")
                .tags("page", "counter", "action", action, "outcome", outcome)
                .timer();
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Sends {@code message} and returns the reply frame as the client received it. */
    private static String reply(TestServer.WsClient ws, String message) throws Exception {
        ws.send(message);
        return ws.next();
    }
}
