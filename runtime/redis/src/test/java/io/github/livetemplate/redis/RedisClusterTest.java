package io.github.livetemplate.redis;

import static io.github.livetemplate.redis.RedisBroadcasterTest.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.redis.testing.Closer;
import io.github.livetemplate.redis.testing.RedisCli;
import io.github.livetemplate.redis.testing.RedisCluster;
import io.github.livetemplate.redis.testing.RedisServer;
import io.github.livetemplate.runtime.pubsub.ActionMessage;
import io.github.livetemplate.runtime.pubsub.Channels;
import io.github.livetemplate.runtime.testing.Inbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The broadcaster and the session store on a real 3-master Redis Cluster; and the loss of the node
 * holding the subscriber connection, on a cluster of its own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisClusterTest {
    private static RedisCluster cluster;
    @RegisterExtension final Closer closer = new Closer();

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = RedisCluster.start(3);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private RedisBroadcaster broadcaster(String id, String seed) {
        return closer.track(
                new RedisBroadcaster(
                        RedisDeployment.cluster(seed),
                        RedisBroadcaster.Options.defaults().withInstanceId(id)));
    }

    @Test
    void twoBroadcastersOnDifferentSeedNodesExchangeActions() throws Exception {
        String[] nodes = cluster.addresses();
        RedisBroadcaster a = broadcaster("cl-a", nodes[0]);
        RedisBroadcaster b = broadcaster("cl-b", nodes[1]);
        await("both connected", Duration.ofSeconds(10), () -> a.isConnected() && b.isConnected());
        Inbox<ActionMessage> group = new Inbox<>();
        Inbox<ActionMessage> pattern = new Inbox<>();
        assertTrue(
                closer.track(b.subscribeGroupActions("g1", group))
                        .awaitConfirmed(Duration.ofSeconds(5)));
        assertTrue(
                closer.track(b.subscribeTopic("room/*", pattern))
                        .awaitConfirmed(Duration.ofSeconds(5)));

        a.publishGroupAction("g1", "increment", Map.of("by", 2));
        a.publishTopicAction("room/1", "say", Map.of("text", "hi"));

        ActionMessage got = group.next(Duration.ofSeconds(5));
        assertEquals("increment", got.action());
        assertEquals("cl-a", got.instanceId());
        assertEquals("say", pattern.next(Duration.ofSeconds(5)).action());
    }

    @Test
    void aPublishOnAnyNodeReachesTheSubscriber() throws Exception {
        // given a subscriber connected to one node, whichever it is
        RedisBroadcaster b = broadcaster("cl-any", cluster.addresses()[2]);
        Inbox<ActionMessage> group = new Inbox<>();
        assertTrue(
                closer.track(b.subscribeGroupActions("g-any", group))
                        .awaitConfirmed(Duration.ofSeconds(5)));
        // then a PUBLISH sent to each node in turn arrives (classic pub/sub spans the cluster)
        int seq = 1;
        for (RedisServer node : cluster.nodes()) {
            try (Jedis j = new Jedis("127.0.0.1", node.port())) {
                j.publish(
                        Channels.groupAction("g-any"),
                        "{\"type\":\"group_action\",\"groupID\":\"g-any\",\"action\":\"n"
                                + node.port()
                                + "\",\"seq\":"
                                + seq++
                                + ",\"timestamp\":\"2026-01-05T10:00:00Z\",\"instanceID\":\"other\"}");
            }
            assertEquals("n" + node.port(), group.next(Duration.ofSeconds(5)).action());
        }
    }

    @Test
    void sessionStoreSpreadsKeysOverTheNodesAndReadsThemBack() throws Exception {
        RedisSessionStore store =
                closer.track(
                        new RedisSessionStore(
                                RedisDeployment.cluster(cluster.addresses()),
                                Duration.ofSeconds(100),
                                Duration.ofSeconds(2)));
        for (int i = 0; i < 30; i++) {
            store.save(
                    "group-" + i + "|/counter",
                    ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 30; i++) {
            assertArrayEquals(
                    ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8),
                    store.load("group-" + i + "|/counter"));
        }
        int nodesWithKeys = 0;
        for (RedisServer node : cluster.nodes()) {
            String n = RedisCli.run(node.port(), "DBSIZE").trim();
            if (Long.parseLong(n) > 0) {
                nodesWithKeys++;
            }
        }
        assertEquals(3, nodesWithKeys, "30 keys hash to slots on every master");
        store.delete("group-0|/counter");
        assertEquals(null, store.load("group-0|/counter"));
        store.healthCheck().check();
    }

    @Test
    void losingTheSubscribersNodeMovesItToAnotherAndDeliveryResumes() throws Exception {
        // given a cluster of its own (this test kills one of its nodes) and traffic between two
        // broadcasters
        try (RedisCluster own = RedisCluster.start(3)) {
            String[] nodes = own.addresses();
            RedisBroadcaster.Options fast =
                    RedisBroadcaster.Options.defaults()
                            .withPublishTimeout(Duration.ofMillis(500))
                            .withHealthCheckInterval(Duration.ofMillis(300))
                            .withReconnectDelays(Duration.ofMillis(50), Duration.ofMillis(300));
            RedisBroadcaster a =
                    closer.track(
                            new RedisBroadcaster(
                                    RedisDeployment.cluster(nodes), fast.withInstanceId("loss-a")));
            RedisBroadcaster b =
                    closer.track(
                            new RedisBroadcaster(
                                    RedisDeployment.cluster(nodes), fast.withInstanceId("loss-b")));
            await(
                    "both connected",
                    Duration.ofSeconds(10),
                    () -> a.isConnected() && b.isConnected());
            java.util.Set<Integer> received = java.util.concurrent.ConcurrentHashMap.newKeySet();
            assertTrue(
                    closer.track(
                                    b.subscribeGroupActions(
                                            "g-loss",
                                            m ->
                                                    received.add(
                                                            ((Number) m.data().get("n"))
                                                                    .intValue())))
                            .awaitConfirmed(Duration.ofSeconds(5)));
            int n = 0;
            while (received.isEmpty() && n < 100) {
                a.publishGroupAction("g-loss", "tick", Map.of("n", ++n));
                Thread.sleep(20);
            }
            assertTrue(!received.isEmpty(), "traffic flows");

            // when the node that holds b's subscriber connection dies (SIGKILL)
            RedisServer holder =
                    own.nodes().stream()
                            .filter(x -> clientList(x).contains("name=lvt-sub-loss-b"))
                            .findFirst()
                            .orElseThrow();
            holder.kill();
            int beforeKill = n;

            // then b resubscribes on a node that lives, and a's publishes (which fail at once while
            // they go to the dead node) reach it again
            int failures = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.stream().noneMatch(k -> k > beforeKill)
                    && System.nanoTime() < deadline) {
                try {
                    a.publishGroupAction("g-loss", "tick", Map.of("n", ++n));
                } catch (io.github.livetemplate.runtime.pubsub.BroadcastException e) {
                    failures++;
                }
                Thread.sleep(20);
            }
            int last = n;
            assertTrue(
                    received.stream().anyMatch(k -> k > beforeKill),
                    "delivery resumed: " + b.stats());
            assertTrue(b.stats().reconnects() >= 1, "the reconnect is counted: " + b.stats());
            System.out.printf(
                    "cluster node %d lost: %d published after it, %d failed, first delivery after"
                            + " it of action %d; b=%s%n",
                    holder.port(),
                    last - beforeKill,
                    failures,
                    received.stream().filter(k -> k > beforeKill).min(Integer::compare).orElse(-1),
                    b.stats());
        }
    }

    private static String clientList(RedisServer node) {
        try {
            return RedisCli.run(node.port(), "CLIENT", "LIST");
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
