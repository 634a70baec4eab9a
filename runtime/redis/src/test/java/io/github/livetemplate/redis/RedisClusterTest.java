package io.github.livetemplate.redis;

import static io.github.livetemplate.redis.RedisBroadcasterTest.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.redis.testing.RedisCli;
import io.github.livetemplate.redis.testing.RedisCluster;
import io.github.livetemplate.redis.testing.RedisServer;
import io.github.livetemplate.runtime.pubsub.ActionMessage;
import io.github.livetemplate.runtime.pubsub.Channels;
import io.github.livetemplate.runtime.testing.Inbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/** The broadcaster and the session store on a real 3-master Redis Cluster. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisClusterTest {
    private static RedisCluster cluster;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

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

    @AfterEach
    void closeAll() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        cleanup.clear();
    }

    private <T extends AutoCloseable> T track(T t) {
        cleanup.add(t);
        return t;
    }

    private RedisBroadcaster broadcaster(String id, String seed) {
        return track(
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
                track(b.subscribeGroupActions("g1", group)).awaitConfirmed(Duration.ofSeconds(5)));
        assertTrue(
                track(b.subscribeTopic("room/*", pattern)).awaitConfirmed(Duration.ofSeconds(5)));

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
                track(b.subscribeGroupActions("g-any", group))
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
                track(
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
}
