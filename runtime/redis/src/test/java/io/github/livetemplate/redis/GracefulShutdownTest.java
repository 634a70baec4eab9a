package io.github.livetemplate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.redis.testing.TestRedis;
import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.undertow.LiveHandler;
import io.github.livetemplate.undertow.testing.TestServer;
import io.undertow.Handlers;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rolling restart: two Undertow instances share a {@link RedisSessionStore}; instance A shuts
 * down gracefully while an action runs; the action completes and is persisted, the client is closed
 * with 1001 and, reconnecting to instance B, finds its persisted state there.
 */
@Timeout(60)
class GracefulShutdownTest {

    /** Adds {@code slowBump}: a bump that takes 300 ms. */
    static final class SlowController extends PersistedStateTest.Controller {
        @Override
        public Set<String> names() {
            return Set.of("bump", "local", "tag", "fail", "slowBump");
        }

        @Override
        public PersistedStateTest.Counter run(
                String name, PersistedStateTest.Counter s, Context ctx) throws Exception {
            if (name.equals("slowBump")) {
                Thread.sleep(300);
                return super.run("bump", s, ctx);
            }
            return super.run(name, s, ctx);
        }
    }

    @Test
    void aReconnectingClientLandsOnTheSecondInstanceWithItsPersistedState() throws Exception {
        try (TestRedis redis = TestRedis.start();
                RedisSessionStore storeA =
                        new RedisSessionStore(
                                redis.url(), Duration.ofSeconds(100), Duration.ofSeconds(2));
                RedisSessionStore storeB =
                        new RedisSessionStore(
                                redis.url(), Duration.ofSeconds(100), Duration.ofSeconds(2))) {
            LiveHandler<PersistedStateTest.Counter> a = handler(storeA);
            LiveHandler<PersistedStateTest.Counter> b = handler(storeB);
            try (TestServer serverA = new TestServer(Handlers.path().addPrefixPath("/p", a));
                    TestServer serverB = new TestServer(Handlers.path().addPrefixPath("/p", b))) {
                String cookie = serverA.session("/p");
                TestServer.WsClient ws = serverA.connect("/p", "Cookie", cookie);
                ws.next();
                assertEquals("1", ws.call("{\"action\":\"bump\"}").get("tree").get("0").asText());
                ws.send("{\"action\":\"slowBump\"}");
                Thread.sleep(100); // running

                assertTrue(a.shutdown(Duration.ofSeconds(10)), "A drained within its deadline");
                JsonNode slow = ws.nextJson();
                assertEquals("2", slow.get("tree").get("0").asText(), "the action in flight");
                assertEquals(1001, ws.closed.get(5, TimeUnit.SECONDS));
                assertEquals(503, serverA.get("/p", "Cookie", cookie).statusCode());
                ws.close();

                // The client reconnects; the load balancer sends it to B.
                try (TestServer.WsClient again = serverB.connect("/p", "Cookie", cookie)) {
                    JsonNode tree = again.nextJson().get("tree");
                    assertEquals("2", tree.get("0").asText(), "persisted state on B");
                    assertEquals("0", tree.get("1").asText(), "per-connection state starts over");
                }
            }
        }
    }

    private static LiveHandler<PersistedStateTest.Counter> handler(RedisSessionStore store) {
        return LiveHandler.builder(
                        new PersistedStateTest.Renderer(),
                        new SlowController(),
                        PersistedStateTest.INITIAL)
                .sessionStore(store)
                .build();
    }
}
