package io.github.livetemplate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.redis.testing.RedisServer;
import io.github.livetemplate.undertow.Health;
import io.github.livetemplate.undertow.testing.TestServer;
import io.undertow.Handlers;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Redis checks of the ready handler: 503 while Redis is hung or down, 200 once back. */
@Timeout(60)
class RedisHealthTest {

    @Test
    void readyFollowsRedis() throws Exception {
        try (RedisServer redis = RedisServer.start();
                RedisBroadcaster broadcaster =
                        new RedisBroadcaster(
                                redis.url(),
                                RedisBroadcaster.Options.defaults()
                                        .withPublishTimeout(Duration.ofMillis(500))
                                        .withReconnectDelays(
                                                Duration.ofMillis(50), Duration.ofMillis(200)));
                RedisSessionStore store =
                        new RedisSessionStore(
                                redis.url(), Duration.ofSeconds(60), Duration.ofMillis(500))) {
            Health health =
                    Health.builder()
                            .check("broadcaster", broadcaster.healthCheck())
                            .check("session-store", store.healthCheck())
                            .timeout(Duration.ofSeconds(1))
                            .build();
            try (TestServer server =
                    new TestServer(Handlers.path().addExactPath("/ready", health.ready()))) {
                assertEquals(200, server.get("/ready").statusCode());

                redis.pause(); // hung, not dead
                var hung = server.get("/ready");
                assertEquals(503, hung.statusCode(), hung.body());
                assertTrue(hung.body().contains("session-store"), hung.body());
                redis.resume();
                awaitStatus(server, 200);

                redis.kill();
                awaitStatus(server, 503);
                redis.restart();
                awaitStatus(server, 200);
            }
        }
    }

    static void awaitStatus(TestServer server, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int last;
        while ((last = server.get("/ready").statusCode()) != status) {
            assertTrue(System.nanoTime() < deadline, "still " + last + ", want " + status);
            Thread.sleep(100);
        }
    }
}
