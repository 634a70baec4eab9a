package io.github.livetemplate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.redis.testing.TestRedis;
import io.github.livetemplate.undertow.LiveHandler;
import io.github.livetemplate.undertow.testing.TestServer;
import io.undertow.Handlers;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * Two Undertow instances share a real {@code redis-server} through {@link RedisBroadcaster}:
 * signing a user out on instance A closes the user's WebSocket on instance B with 1008 "signed
 * out", and nobody else's.
 */
@Timeout(60)
class SignOutAcrossInstancesTest {

    @Test
    void signOutOnOneInstanceClosesTheUsersSocketOnTheOther() throws Exception {
        try (TestRedis redis = TestRedis.start();
                RedisBroadcaster busA =
                        new RedisBroadcaster(
                                redis.url(),
                                RedisBroadcaster.Options.defaults().withInstanceId("a"));
                RedisBroadcaster busB =
                        new RedisBroadcaster(
                                redis.url(),
                                RedisBroadcaster.Options.defaults().withInstanceId("b"));
                Jedis raw = new Jedis("127.0.0.1", redis.port(), 2000)) {
            LiveHandler<PersistedStateTest.Counter> a = handler(busA);
            LiveHandler<PersistedStateTest.Counter> b = handler(busB);
            try (TestServer serverA = new TestServer(Handlers.path().addPrefixPath("/p", a));
                    TestServer serverB = new TestServer(Handlers.path().addPrefixPath("/p", b));
                    TestServer.WsClient annOnB = serverB.connect("/p", "X-User", "ann");
                    TestServer.WsClient bobOnB = serverB.connect("/p", "X-User", "bob")) {
                // given ann and bob connected to instance B only
                annOnB.next();
                bobOnB.next();
                awaitSubscribed(raw, "livetemplate:action:user:ann");

                // when ann signs out through instance A
                assertEquals(0, a.signOut("ann"), "A has no connection of ann's");

                // then B closes ann's socket with 1008 "signed out"
                assertEquals(1008, annOnB.closed.get(10, TimeUnit.SECONDS));
                assertEquals("signed out", annOnB.closeReason.get(1, TimeUnit.SECONDS));
                // and bob's socket on B still works
                assertEquals(
                        "1", bobOnB.call("{\"action\":\"bump\"}").get("tree").get("0").asText());
                assertTrue(!bobOnB.closed.isDone());
            }
        }
    }

    /** Waits (bounded) until instance B's subscription to the user's channel reached Redis. */
    private static void awaitSubscribed(Jedis raw, String channel) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (raw.pubsubNumSub(channel).getOrDefault(channel, 0L) < 1) {
            assertTrue(System.nanoTime() < deadline, "B subscribed to " + channel);
            Thread.sleep(20);
        }
    }

    private static LiveHandler<PersistedStateTest.Counter> handler(RedisBroadcaster bus) {
        return LiveHandler.builder(
                        new PersistedStateTest.Renderer(),
                        new PersistedStateTest.Controller(),
                        PersistedStateTest.INITIAL)
                .identify(ex -> ex.getRequestHeaders().getFirst("X-User"))
                .broadcaster(bus)
                .build();
    }
}
