package io.github.livetemplate.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.livetemplate.redis.testing.RedisCluster;
import io.github.livetemplate.redis.testing.RedisServer;
import io.github.livetemplate.runtime.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/** The session store on the application's own Jedis clients, and through an outage. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisSessionStoreTest {
    private static final byte[] STATE = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);

    private static final JedisClientConfig BOUNDED =
            DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(500)
                    .socketTimeoutMillis(500)
                    .build();

    @Test
    void worksOnTheApplicationsStandaloneAndClusterClientsAndLeavesThemOpen() throws Exception {
        try (RedisServer server = RedisServer.start();
                RedisCluster cluster = RedisCluster.start(3);
                JedisPooled pooled =
                        new JedisPooled(new HostAndPort("127.0.0.1", server.port()), BOUNDED);
                JedisCluster clustered =
                        new JedisCluster(
                                new HashSet<>(
                                        Arrays.stream(cluster.addresses())
                                                .map(HostAndPort::from)
                                                .toList()),
                                BOUNDED)) {
            for (UnifiedJedis client : new UnifiedJedis[] {pooled, clustered}) {
                // given a store on the application's client
                RedisSessionStore store = new RedisSessionStore(client, Duration.ofSeconds(100));

                // then states round-trip, on every node of a cluster
                for (int i = 0; i < 10; i++) {
                    store.save("g" + i + "|/p", STATE);
                }
                for (int i = 0; i < 10; i++) {
                    assertArrayEquals(STATE, store.load("g" + i + "|/p"), client.toString());
                }
                store.delete("g0|/p");
                assertNull(store.load("g0|/p"));
                store.healthCheck().check();

                // and closing the store leaves the application's client open
                store.close();
                assertEquals("PONG", client.ping());
            }
        }
    }

    @Test
    void anOutageIsLoggedWhenItBeginsAndWhenItEndsNotPerCall() throws Exception {
        try (RedisServer server = RedisServer.start();
                LogCapture log = new LogCapture("io.github.livetemplate");
                RedisSessionStore store =
                        new RedisSessionStore(
                                RedisDeployment.standalone(server.url()),
                                Duration.ofSeconds(100),
                                Duration.ofMillis(300))) {
            store.save("g|/p", STATE);

            // when Redis dies and 20 page loads ask for their state
            server.kill();
            for (int i = 0; i < 20; i++) {
                assertNull(store.load("g|/p"));
            }

            // then one warning, 20 failures counted
            assertEquals(1, log.at(Level.WARNING, "Redis session store").size(), "" + log.records);
            assertEquals(20, store.failures());

            // and when it is back, one line says so with the number of failed calls
            server.restart();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (store.load("g|/p") == null && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(1, log.at(Level.INFO, "works again").size(), "" + log.records);
            assertEquals(1, log.at(Level.WARNING, "Redis session store").size());
        }
    }
}
