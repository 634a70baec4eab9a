package io.github.livetemplate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.redis.testing.TestRedis;
import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.LiveRenderer;
import io.github.livetemplate.runtime.Utf8Buffer;
import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.runtime.generated.PersistedFields;
import io.github.livetemplate.runtime.generated.TypeRef;
import io.github.livetemplate.runtime.session.MemorySessionStore;
import io.github.livetemplate.runtime.session.SessionStore;
import io.github.livetemplate.runtime.testing.LogCapture;
import io.github.livetemplate.undertow.LiveHandler;
import io.github.livetemplate.undertow.testing.TestServer;
import io.undertow.Handlers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/** {@code @Persist} state through a {@link SessionStore} (memory and Redis), per-user triggers. */
@Timeout(60)
class PersistedStateTest {

    /** {@code saved} is persisted (as {@code @Persist} would mark it); {@code local} is not. */
    record Counter(int saved, int local, List<String> tags) {}

    static final class Renderer implements LiveRenderer<Counter> {
        @Override
        public String defaultWrapperId() {
            return "lvt-persist";
        }

        static String inner(Counter s) {
            return "<p>"
                    + s.saved()
                    + "</p><p>"
                    + s.local()
                    + "</p><p>"
                    + String.join(",", s.tags())
                    + "</p>";
        }

        @Override
        public void writeHtml(Counter s, String wrapperId, boolean loading, Utf8Buffer out) {
            out.writeUtf8(
                    "<!DOCTYPE html><html><head></head><body><div data-lvt-id=\""
                            + wrapperId
                            + "\">"
                            + inner(s)
                            + "</div></body></html>");
        }

        @Override
        public void writeTree(Counter s, Utf8Buffer out) {
            out.writeAscii("{\"s\":[\"<p>\",\"</p><p>\",\"</p><p>\",\"</p>\"],\"0\":");
            out.writeJsonString(Integer.toString(s.saved()));
            out.writeAscii(",\"1\":");
            out.writeJsonString(Integer.toString(s.local()));
            out.writeAscii(",\"2\":");
            out.writeJsonString(String.join(",", s.tags()));
            out.writeByte('}');
        }

        @Override
        public boolean writeDiff(Counter a, Counter b, Utf8Buffer out) {
            out.writeByte('{');
            out.writeAscii("\"0\":");
            out.writeJsonString(Integer.toString(b.saved()));
            out.writeAscii(",\"1\":");
            out.writeJsonString(Integer.toString(b.local()));
            out.writeAscii(",\"2\":");
            out.writeJsonString(String.join(",", b.tags()));
            out.writeByte('}');
            return true;
        }
    }

    /**
     * Hand-written as the processor would generate it for {@code @Persist int saved, @Persist
     * List<String> tags}.
     */
    static class Controller implements Actions<Counter> {
        @Override
        public Set<String> names() {
            return Set.of("bump", "local", "tag", "fail");
        }

        @Override
        public Counter run(String name, Counter s, Context ctx) throws Exception {
            switch (name) {
                case "bump":
                    return new Counter(s.saved() + 1, s.local() + 1, s.tags());
                case "local":
                    return new Counter(s.saved(), s.local() + 1, s.tags());
                case "tag":
                    {
                        List<String> t = new ArrayList<>(s.tags());
                        t.add(ctx.getString("tag"));
                        return new Counter(s.saved(), s.local(), List.copyOf(t));
                    }
                case "fail":
                    throw new IllegalArgumentException("no");
                default:
                    throw new UnknownActionException(name);
            }
        }

        @Override
        public Map<String, Object> persistedFields(Counter s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("saved", s.saved());
            m.put("tags", s.tags());
            return m;
        }

        @Override
        public Counter restorePersisted(Counter s, PersistedFields stored) {
            Integer saved = stored.get("saved", new TypeRef<Integer>() {});
            List<String> tags = stored.get("tags", new TypeRef<List<String>>() {});
            return new Counter(
                    saved != null ? saved : s.saved(), s.local(), tags != null ? tags : s.tags());
        }
    }

    /** Counts saves and loads of a delegate. */
    static final class CountingStore implements SessionStore {
        final SessionStore delegate;
        final AtomicInteger saves = new AtomicInteger();
        final AtomicInteger loads = new AtomicInteger();

        CountingStore(SessionStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public byte[] load(String groupId) {
            loads.incrementAndGet();
            return delegate.load(groupId);
        }

        @Override
        public void save(String groupId, byte[] json) {
            saves.incrementAndGet();
            delegate.save(groupId, json);
        }

        @Override
        public void delete(String groupId) {
            delegate.delete(groupId);
        }
    }

    static final Counter INITIAL = new Counter(0, 0, List.of());

    final List<TestServer> servers = new ArrayList<>();
    final List<TestServer.WsClient> clients = new ArrayList<>();
    final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        clients.forEach(TestServer.WsClient::close);
        servers.forEach(TestServer::close);
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    static LiveHandler.Builder<Counter> builder() {
        return LiveHandler.builder(new Renderer(), new Controller(), INITIAL);
    }

    TestServer serve(LiveHandler<Counter> handler) {
        TestServer s = new TestServer(Handlers.path().addPrefixPath("/p", handler));
        servers.add(s);
        return s;
    }

    JsonNode open(TestServer server, String... headers) throws Exception {
        TestServer.WsClient ws = server.connect("/p", headers);
        clients.add(ws);
        JsonNode first = ws.nextJson();
        assertTrue(first.has("tree"), first.toString());
        return first.get("tree");
    }

    TestServer.WsClient last() {
        return clients.get(clients.size() - 1);
    }

    static String body(Counter c) {
        return Renderer.inner(c);
    }

    @Test
    void persistedFieldsSurviveReloadAndReconnectOthersReset() throws Exception {
        TestServer server = serve(builder().build());
        String cookie = server.session("/p");
        JsonNode tree = open(server, "Cookie", cookie);
        assertEquals("0", tree.get("0").asText());
        TestServer.WsClient ws = last();
        ws.call("{\"action\":\"bump\"}");
        ws.call("{\"action\":\"bump\"}");
        JsonNode r = ws.call("{\"action\":\"tag\",\"data\":{\"tag\":\"a\"}}");
        assertEquals("2", r.get("tree").get("0").asText());
        assertEquals("2", r.get("tree").get("1").asText());
        ws.close();

        // Page reload: persisted fields back, the rest from the initial state.
        HttpResponse<String> page = server.get("/p", "Cookie", cookie);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(body(new Counter(2, 0, List.of("a")))), page.body());

        // WebSocket reconnect with the same cookie.
        tree = open(server, "Cookie", cookie);
        assertEquals("2", tree.get("0").asText());
        assertEquals("0", tree.get("1").asText());
        assertEquals("a", tree.get("2").asText());

        // Another browser (group) shares nothing.
        String other = server.session("/p");
        tree = open(server, "Cookie", other);
        assertEquals("0", tree.get("0").asText());
        assertEquals("", tree.get("2").asText());
        assertTrue(server.get("/p", "Cookie", other).body().contains(body(INITIAL)));
    }

    @Test
    void httpActionsPersistToo() throws Exception {
        TestServer server = serve(builder().webSocket(false).build());
        String cookie = server.session("/p");
        server.post("/p", "{\"action\":\"bump\"}", "Cookie", cookie);
        server.post("/p", "{\"action\":\"bump\"}", "Cookie", cookie);
        HttpResponse<String> page = server.get("/p", "Cookie", cookie);
        assertTrue(page.body().contains(body(new Counter(2, 0, List.of()))), page.body());
    }

    @Test
    void noStoreWriteWhenNothingPersistedChanged() throws Exception {
        CountingStore store = new CountingStore(new MemorySessionStore());
        TestServer server = serve(builder().sessionStore(store).build());
        String cookie = server.session("/p");
        int afterFirstLoad = store.saves.get();
        assertTrue(afterFirstLoad <= 1, "at most the first mount writes: " + afterFirstLoad);
        open(server, "Cookie", cookie);
        TestServer.WsClient ws = last();
        for (int i = 0; i < 5; i++) {
            ws.call("{\"action\":\"local\"}");
        }
        ws.call("{\"action\":\"fail\"}");
        assertEquals(afterFirstLoad, store.saves.get(), "local-only actions write nothing");
        ws.call("{\"action\":\"bump\"}");
        assertEquals(afterFirstLoad + 1, store.saves.get());
        ws.call("{\"action\":\"local\"}");
        assertEquals(afterFirstLoad + 1, store.saves.get());
        ws.close();
        assertTrue(server.get("/p", "Cookie", cookie).body().contains("<p>1</p><p>0</p>"));
        open(server, "Cookie", cookie);
        assertEquals(afterFirstLoad + 1, store.saves.get(), "restoring writes nothing");
        assertTrue(store.loads.get() >= 3);
    }

    @Test
    void statesWithoutPersistedFieldsNeverTouchTheStore() throws Exception {
        CountingStore store = new CountingStore(new MemorySessionStore());
        Controller plain =
                new Controller() {
                    @Override
                    public Map<String, Object> persistedFields(Counter s) {
                        return Map.of();
                    }
                };
        TestServer server =
                serve(
                        LiveHandler.builder(new Renderer(), plain, INITIAL)
                                .sessionStore(store)
                                .build());
        String cookie = server.session("/p");
        open(server, "Cookie", cookie);
        last().call("{\"action\":\"bump\"}");
        assertEquals(0, store.saves.get());
        assertEquals(0, store.loads.get());
    }

    @Test
    void memoryStoreExpiresAndIsBounded() {
        long[] now = {0};
        MemorySessionStore s = new MemorySessionStore(Duration.ofSeconds(10), 10, () -> now[0]);
        s.save("g", "{\"a\":1}".getBytes());
        now[0] = TimeUnit.SECONDS.toNanos(5);
        assertEquals("{\"a\":1}", new String(s.load("g")));
        now[0] = TimeUnit.SECONDS.toNanos(14);
        assertTrue(s.load("g") != null, "a load refreshed the TTL");
        now[0] = TimeUnit.SECONDS.toNanos(30);
        assertNull(s.load("g"));
        for (int i = 0; i < 25; i++) {
            now[0]++;
            s.save("k" + i, new byte[] {'{', '}'});
        }
        assertTrue(s.size() <= 10, "bounded: " + s.size());
        assertTrue(s.load("k24") != null, "the newest stays");
    }

    // ------------------------------------------------------------------ Redis

    @Test
    void redisStoreSharesPersistedStateAcrossInstancesWithTtl() throws Exception {
        TestRedis redis = TestRedis.start();
        closeables.add(redis);
        RedisSessionStore storeA =
                new RedisSessionStore(redis.url(), Duration.ofSeconds(100), Duration.ofSeconds(2));
        RedisSessionStore storeB =
                new RedisSessionStore(redis.url(), Duration.ofSeconds(100), Duration.ofSeconds(2));
        closeables.add(storeA);
        closeables.add(storeB);
        TestServer a = serve(builder().sessionStore(storeA).build());
        TestServer b = serve(builder().sessionStore(storeB).build());

        String cookie = a.session("/p");
        String group = cookie.substring(cookie.indexOf('=') + 1);
        open(a, "Cookie", cookie);
        last().call("{\"action\":\"bump\"}");
        last().call("{\"action\":\"tag\",\"data\":{\"tag\":\"x\"}}");

        HttpResponse<String> page = b.get("/p", "Cookie", cookie);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(body(new Counter(1, 0, List.of("x")))), page.body());

        try (Jedis j = new Jedis("127.0.0.1", redis.port())) {
            String key = "livetemplate:session:" + group + "|/p";
            assertEquals("{\"saved\":1,\"tags\":[\"x\"]}", j.get(key));
            long ttl = j.ttl(key);
            assertTrue(ttl > 90 && ttl <= 100, "TTL set on save: " + ttl);
            j.expire(key, 10);
            assertEquals(200, b.get("/p", "Cookie", cookie).statusCode());
            ttl = j.ttl(key);
            assertTrue(ttl > 90 && ttl <= 100, "TTL refreshed on load: " + ttl);
            // A value that no longer reads as the component's type is ignored, the rest restored.
            j.set(key, "{\"saved\":\"not a number\",\"tags\":[\"y\"]}");
            assertTrue(
                    b.get("/p", "Cookie", cookie)
                            .body()
                            .contains(body(new Counter(0, 0, List.of("y")))));
        }
    }

    @Test
    void redisDownPageStillLoadsAndWarnsOnce() throws Exception {
        TestRedis redis = TestRedis.down();
        closeables.add(redis);
        RedisSessionStore store =
                new RedisSessionStore(redis.url(), Duration.ofSeconds(100), Duration.ofMillis(500));
        closeables.add(store);
        try (LogCapture log = new LogCapture("io.github.livetemplate")) {
            TestServer server = serve(builder().sessionStore(store).build());
            String cookie = server.session("/p");
            HttpResponse<String> page = server.get("/p", "Cookie", cookie);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains(body(INITIAL)));
            open(server, "Cookie", cookie);
            JsonNode r = last().call("{\"action\":\"bump\"}");
            assertEquals("1", r.get("tree").get("0").asText());
            // then the outage is logged once, when it begins (a flood of page loads is one line)
            assertEquals(
                    1,
                    log.at(Level.WARNING, "Redis session store").size(),
                    "one warning for the outage: " + log.records);
            assertTrue(log.at(Level.WARNING, "load failed").size() == 1, "the first failure");
            // and the handled failures are counted for the metrics (SessionStore.failures)
            assertTrue(store.failures() >= 2, "failures counted: " + store.failures());
        }
    }

    // ------------------------------------------------------------------ per-user triggers

    @Test
    void userTriggerReachesEveryConnectionOfTheUserOnly() throws Exception {
        LiveHandler<Counter> handler =
                builder().identify(ex -> ex.getRequestHeaders().getFirst("X-User")).build();
        TestServer server = serve(handler);
        String c1 = server.session("/p");
        String c2 = server.session("/p");
        String c3 = server.session("/p");
        open(server, "Cookie", c1, "X-User", "alice");
        TestServer.WsClient a1 = last();
        open(server, "Cookie", c2, "X-User", "alice");
        TestServer.WsClient a2 = last();
        open(server, "Cookie", c3, "X-User", "bob");
        TestServer.WsClient bob = last();
        open(server, "Cookie", c3);
        TestServer.WsClient anon = last();

        assertEquals(2, handler.user("alice").trigger("local", Map.of()));
        assertEquals("1", a1.nextJson().get("tree").get("1").asText());
        assertEquals("1", a2.nextJson().get("tree").get("1").asText());
        assertNull(bob.messages.poll(300, TimeUnit.MILLISECONDS));
        assertNull(anon.messages.poll(50, TimeUnit.MILLISECONDS));
        assertEquals(0, handler.user("carol").trigger("local", null));
        assertEquals("alice", handler.user("alice").userId());

        a1.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (handler.user("alice").trigger("local", null) != 1) {
            assertTrue(System.nanoTime() < deadline, "a closed connection leaves its user");
            Thread.sleep(20);
        }
    }
}
