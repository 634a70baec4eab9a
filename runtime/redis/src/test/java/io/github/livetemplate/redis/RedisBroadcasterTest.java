package io.github.livetemplate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.livetemplate.redis.testing.Closer;
import io.github.livetemplate.redis.testing.RedisServer;
import io.github.livetemplate.runtime.pubsub.ActionMessage;
import io.github.livetemplate.runtime.pubsub.BroadcastMessage;
import io.github.livetemplate.runtime.pubsub.Channels;
import io.github.livetemplate.runtime.pubsub.Subscription;
import io.github.livetemplate.runtime.testing.Inbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/** Two RedisBroadcasters ("two instances") against a real redis-server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisBroadcasterTest {
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RedisServer redis;
    @RegisterExtension final Closer closer = new Closer();

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private RedisBroadcaster broadcaster(String instanceId) {
        RedisBroadcaster b =
                new RedisBroadcaster(
                        redis.url(),
                        RedisBroadcaster.Options.defaults().withInstanceId(instanceId));
        closer.track(b);
        assertTrue(b.isConnected(), "connected within the subscribe timeout");
        return b;
    }

    private Jedis raw() {
        Jedis j = new Jedis("127.0.0.1", redis.port(), 2000);
        closer.track(j);
        return j;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void instancesExchangeGroupUserAndTopicActions() throws Exception {
        RedisBroadcaster a = broadcaster("inst-a");
        RedisBroadcaster b = broadcaster("inst-b");
        Inbox<ActionMessage> bGroup = new Inbox<>();
        Inbox<ActionMessage> bUser = new Inbox<>();
        Inbox<ActionMessage> bTopic = new Inbox<>();
        Inbox<ActionMessage> aGroup = new Inbox<>();
        closer.track(b.subscribeGroupActions("g1", bGroup));
        closer.track(b.subscribeServerActions("u1", bUser));
        closer.track(b.subscribeTopic("chat/room1", bTopic));
        Subscription own = a.subscribeGroupActions("g1", aGroup);
        closer.track(own);
        assertTrue(own.isConfirmed());

        a.publishGroupAction("g1", "increment", Map.of("by", 2));
        a.publishServerAction("u1", "refresh", null);
        a.publishTopicAction("chat/room1", "newMessage", Map.of("text", "hi", "n", List.of(1, 2)));

        ActionMessage g = bGroup.next();
        assertEquals(ActionMessage.Kind.GROUP_ACTION, g.kind());
        assertEquals("g1", g.groupId());
        assertEquals("increment", g.action());
        assertEquals(Map.of("by", 2), g.data());
        assertEquals("inst-a", g.instanceId());
        assertEquals(1, g.seq());
        assertTrue(Duration.between(g.timestamp(), Instant.now()).abs().toSeconds() < 5);

        ActionMessage u = bUser.next();
        assertEquals(ActionMessage.Kind.SERVER_ACTION, u.kind());
        assertEquals("u1", u.userId());
        assertEquals("refresh", u.action());
        assertEquals(Map.of(), u.data());
        assertEquals(0, u.seq());

        ActionMessage t = bTopic.next();
        assertEquals(ActionMessage.Kind.TOPIC_ACTION, t.kind());
        assertEquals("chat/room1", t.topic());
        assertEquals("", t.groupId());
        assertEquals(Map.of("text", "hi", "n", List.of(1, 2)), t.data());
        assertEquals(2, t.seq(), "group and topic actions share one counter");

        // B -> A as well; A never sees its own publish.
        b.publishGroupAction("g1", "fromB", Map.of());
        ActionMessage back = aGroup.next();
        assertEquals("fromB", back.action());
        assertEquals("inst-b", back.instanceId());
        aGroup.assertEmpty(QUIET);
        bGroup.assertEmpty(Duration.ZERO);
        assertTrue(a.stats().ignoredOwn() >= 1, "own message received and ignored");
        assertTrue(b.stats().ignoredOwn() >= 1);
        assertEquals(3, a.stats().published());
    }

    @Test
    void broadcastMessagesCarryBase64Payload() throws Exception {
        RedisBroadcaster a = broadcaster("inst-a");
        RedisBroadcaster b = broadcaster("inst-b");
        Inbox<BroadcastMessage> global = new Inbox<>();
        Inbox<BroadcastMessage> group = new Inbox<>();
        closer.track(b.subscribeBroadcasts(BroadcastMessage.Scope.GLOBAL, null, global));
        closer.track(b.subscribeBroadcasts(BroadcastMessage.Scope.GROUP, "g9", group));
        a.publishBroadcast(
                BroadcastMessage.Scope.GLOBAL, null, "{\"x\":1}".getBytes(StandardCharsets.UTF_8));
        a.publishBroadcast(BroadcastMessage.Scope.GROUP, "g9", new byte[] {0, 1, (byte) 255});
        BroadcastMessage m = global.next();
        assertEquals(BroadcastMessage.Scope.GLOBAL, m.scope());
        assertEquals("{\"x\":1}", new String(m.payload(), StandardCharsets.UTF_8));
        BroadcastMessage m2 = group.next();
        assertEquals("g9", m2.groupId());
        assertEquals(
                List.of((byte) 0, (byte) 1, (byte) 255),
                List.of(m2.payload()[0], m2.payload()[1], m2.payload()[2]));
    }

    /** Subscribes with a plain Jedis client, like a Go instance's go-redis would. */
    private final class RawSubscriber implements AutoCloseable {
        final LinkedBlockingQueue<String[]> messages = new LinkedBlockingQueue<>();
        final JedisPubSub pubsub =
                new JedisPubSub() {
                    @Override
                    public void onMessage(String channel, String message) {
                        messages.add(new String[] {channel, message});
                    }
                };
        final Thread thread;
        final Jedis jedis = new Jedis("127.0.0.1", redis.port(), 2000);

        RawSubscriber(String... channels) throws InterruptedException {
            thread =
                    new Thread(
                            () -> {
                                try {
                                    jedis.subscribe(pubsub, channels);
                                } catch (RuntimeException closed) {
                                    // connection closed by close()
                                }
                            },
                            "raw-subscriber");
            thread.setDaemon(true);
            thread.start();
            await(
                    "raw subscribe",
                    Duration.ofSeconds(3),
                    () ->
                            pubsub.isSubscribed()
                                    && pubsub.getSubscribedChannels() == channels.length);
            closer.track(this);
        }

        JsonNode next(String expectedChannel) throws InterruptedException {
            String[] m = messages.poll(3, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("raw subscriber received nothing");
            }
            assertEquals(expectedChannel, m[0]);
            try {
                return JSON.readTree(m[1]);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + m[1], e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            try {
                if (pubsub.isSubscribed()) {
                    pubsub.unsubscribe();
                }
            } catch (RuntimeException ignored) {
                // already gone
            }
            thread.join(2000);
            jedis.close();
        }
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static final String RFC3339_NANO_UTC =
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{0,8}[1-9])?Z";

    @Test
    void payloadsHaveTheGoShape() throws Exception {
        RedisBroadcaster a = broadcaster("inst-shape");
        RawSubscriber raw =
                new RawSubscriber(
                        "livetemplate:groupaction:group:g1",
                        "livetemplate:action:user:u1",
                        "livetemplate:topic:chat/room1",
                        "livetemplate:broadcast:user:u1");

        a.publishGroupAction("g1", "increment", Map.of("by", 2));
        JsonNode g = raw.next("livetemplate:groupaction:group:g1");
        assertEquals(
                List.of("type", "groupID", "action", "data", "seq", "timestamp", "instanceID"),
                fieldNames(g));
        assertEquals("group_action", g.get("type").asText());
        assertEquals("g1", g.get("groupID").asText());
        assertEquals("increment", g.get("action").asText());
        assertEquals(2, g.get("data").get("by").asInt());
        assertEquals(1, g.get("seq").asLong());
        assertTrue(
                g.get("timestamp").asText().matches(RFC3339_NANO_UTC), g.get("timestamp").asText());
        assertEquals("inst-shape", g.get("instanceID").asText());

        a.publishServerAction("u1", "refresh", Map.of());
        JsonNode s = raw.next("livetemplate:action:user:u1");
        assertEquals(
                List.of("type", "userID", "action", "timestamp", "instanceID"),
                fieldNames(s),
                "empty data omitted, no seq");
        assertEquals("server_action", s.get("type").asText());
        assertEquals("u1", s.get("userID").asText());

        a.publishTopicAction("chat/room1", "say", Map.of("text", "<b>"));
        JsonNode t = raw.next("livetemplate:topic:chat/room1");
        assertEquals(
                List.of(
                        "type",
                        "groupID",
                        "topic",
                        "action",
                        "data",
                        "seq",
                        "timestamp",
                        "instanceID"),
                fieldNames(t));
        assertEquals("topic_action", t.get("type").asText());
        assertEquals("", t.get("groupID").asText(), "groupID always present, empty for topics");
        assertEquals("chat/room1", t.get("topic").asText());
        assertEquals(2, t.get("seq").asLong());
        assertEquals("<b>", t.get("data").get("text").asText());

        a.publishBroadcast(
                BroadcastMessage.Scope.USER, "u1", "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
        JsonNode b = raw.next("livetemplate:broadcast:user:u1");
        assertEquals(
                List.of("type", "userID", "payload", "timestamp", "instanceID", "scope"),
                fieldNames(b));
        assertEquals("broadcast", b.get("type").asText());
        assertEquals("user", b.get("scope").asText());
        assertEquals(
                "{\"n\":1}",
                new String(
                        Base64.getDecoder().decode(b.get("payload").asText()),
                        StandardCharsets.UTF_8));
    }

    @Test
    void receivesHandWrittenGoMessages() throws Exception {
        RedisBroadcaster b = broadcaster("inst-java");
        Inbox<ActionMessage> group = new Inbox<>();
        Inbox<ActionMessage> user = new Inbox<>();
        Inbox<ActionMessage> topic = new Inbox<>();
        Inbox<BroadcastMessage> bc = new Inbox<>();
        closer.track(b.subscribeGroupActions("grp-1", group));
        closer.track(b.subscribeServerActions("alice", user));
        closer.track(b.subscribeTopic("news/*", topic));
        closer.track(b.subscribeBroadcasts(BroadcastMessage.Scope.GROUP, "grp-1", bc));
        Jedis go = raw();

        go.publish(
                "livetemplate:groupaction:group:grp-1",
                "{\"type\":\"group_action\",\"groupID\":\"grp-1\",\"action\":\"Increment\","
                        + "\"data\":{\"by\":3,\"tags\":[\"a\",\"b\"],\"f\":1.5},\"seq\":7,"
                        + "\"timestamp\":\"2024-05-01T12:00:00.123456789+02:00\",\"instanceID\":\"go-1\"}");
        ActionMessage g = group.next();
        assertEquals("grp-1", g.groupId());
        assertEquals("Increment", g.action());
        assertEquals(Map.of("by", 3, "tags", List.of("a", "b"), "f", 1.5), g.data());
        assertEquals(7, g.seq());
        assertEquals("go-1", g.instanceId());
        assertEquals(Instant.parse("2024-05-01T10:00:00.123456789Z"), g.timestamp());

        go.publish(
                "livetemplate:action:user:alice",
                "{\"type\":\"server_action\",\"userID\":\"alice\",\"action\":\"tick\","
                        + "\"timestamp\":\"2024-05-01T10:00:00Z\",\"instanceID\":\"go-1\"}");
        ActionMessage u = user.next();
        assertEquals("alice", u.userId());
        assertEquals("tick", u.action());
        assertEquals(Map.of(), u.data());

        // An old Go sender without seq (0) still arrives.
        go.publish(
                "livetemplate:topic:news/today",
                "{\"type\":\"topic_action\",\"groupID\":\"\",\"topic\":\"news/today\",\"action\":\"headline\","
                        + "\"data\":{\"t\":\"x\"},\"seq\":0,\"timestamp\":\"2024-05-01T10:00:00Z\",\"instanceID\":\"go-1\"}");
        ActionMessage t = topic.next();
        assertEquals("news/today", t.topic());
        assertEquals(0, t.seq());

        go.publish(
                "livetemplate:broadcast:group:grp-1",
                "{\"type\":\"broadcast\",\"groupID\":\"grp-1\",\"excludeConnID\":\"c7\",\"payload\":\""
                        + Base64.getEncoder()
                                .encodeToString("{\"count\":5}".getBytes(StandardCharsets.UTF_8))
                        + "\",\"timestamp\":\"2024-05-01T10:00:00Z\",\"instanceID\":\"go-1\",\"scope\":\"group\"}");
        BroadcastMessage m = bc.next();
        assertEquals(BroadcastMessage.Scope.GROUP, m.scope());
        assertEquals("c7", m.excludeConnId());
        assertEquals("{\"count\":5}", new String(m.payload(), StandardCharsets.UTF_8));

        // A Go message carrying our own instance id is ignored; malformed JSON is counted, not
        // fatal.
        go.publish(
                "livetemplate:groupaction:group:grp-1",
                "{\"type\":\"group_action\",\"groupID\":\"grp-1\",\"action\":\"x\",\"seq\":1,"
                        + "\"timestamp\":\"2024-05-01T10:00:00Z\",\"instanceID\":\"inst-java\"}");
        go.publish("livetemplate:groupaction:group:grp-1", "{not json");
        go.publish(
                "livetemplate:groupaction:group:grp-1",
                "{\"type\":\"group_action\",\"groupID\":\"grp-1\",\"action\":\"after\",\"seq\":8,"
                        + "\"timestamp\":\"2024-05-01T10:00:00Z\",\"instanceID\":\"go-1\"}");
        assertEquals("after", group.next().action());
        assertEquals(1, b.stats().ignoredOwn());
        assertEquals(1, b.stats().malformed());
    }

    @Test
    void wildcardTopicsMatchWholeSegmentsOnly() throws Exception {
        RedisBroadcaster a = broadcaster("inst-a");
        RedisBroadcaster b = broadcaster("inst-b");
        Inbox<ActionMessage> chat = new Inbox<>();
        Subscription s = b.subscribeTopic("chat/*", chat);
        closer.track(s);
        assertTrue(s.isPattern());
        assertEquals("livetemplate:topic:chat/*", s.channel());
        assertTrue(s.isConfirmed());
        assertEquals(1L, raw().pubsubNumPat());

        a.publishTopicAction("chat/room1", "m", Map.of("i", 1));
        a.publishTopicAction(
                "chat/room1/x", "m", Map.of("i", 2)); // Redis glob matches, we must not
        a.publishTopicAction("chat", "m", Map.of("i", 3));
        a.publishTopicAction("chat/room2", "m", Map.of("i", 4));
        assertEquals("chat/room1", chat.next().topic());
        assertEquals("chat/room2", chat.next().topic(), "chat/room1/x and chat were not delivered");
        chat.assertEmpty(QUIET);
        assertThrows(
                IllegalArgumentException.class, () -> a.publishTopicAction("chat/*", "m", null));
    }

    @Test
    void exactAndOverlappingPatternDeliverOncePerListener() throws Exception {
        RedisBroadcaster a = broadcaster("inst-a");
        RedisBroadcaster b = broadcaster("inst-b");
        Inbox<ActionMessage> exact = new Inbox<>();
        Inbox<ActionMessage> pattern = new Inbox<>();
        Inbox<ActionMessage> pattern2 = new Inbox<>();
        closer.track(b.subscribeTopic("chat/room1", exact));
        closer.track(b.subscribeTopic("chat/*", pattern));
        closer.track(b.subscribeTopic("*/room1", pattern2));

        a.publishTopicAction("chat/room1", "m", Map.of());
        assertEquals("chat/room1", exact.next().topic());
        assertEquals("chat/room1", pattern.next().topic());
        assertEquals("chat/room1", pattern2.next().topic());
        a.publishTopicAction("chat/room2", "sentinel", Map.of());
        assertEquals("sentinel", pattern.next().action());
        exact.assertEmpty(QUIET);
        pattern2.assertEmpty(Duration.ZERO);
        assertTrue(pattern.queue.isEmpty(), "one copy per listener");
        await(
                "both duplicates dropped",
                Duration.ofSeconds(2),
                () -> b.stats().duplicatesDropped() == 2);

        // seq == 0 bypasses the ring, yet each listener still gets one copy.
        raw().publish(
                        "livetemplate:topic:chat/room1",
                        "{\"type\":\"topic_action\",\"groupID\":\"\",\"topic\":\"chat/room1\",\"action\":\"old\","
                                + "\"seq\":0,\"timestamp\":\"2024-05-01T10:00:00Z\",\"instanceID\":\"go-old\"}");
        assertEquals("old", exact.next().action());
        assertEquals("old", pattern.next().action());
        assertEquals("old", pattern2.next().action());
        exact.assertEmpty(QUIET);
        assertTrue(pattern.queue.isEmpty() && pattern2.queue.isEmpty());
        assertEquals(2, b.stats().duplicatesDropped());
    }

    @Test
    void subscriptionsAreReferenceCounted() throws Exception {
        RedisBroadcaster a = broadcaster("inst-a");
        RedisBroadcaster b = broadcaster("inst-b");
        Jedis admin = raw();
        String channel = "livetemplate:groupaction:group:shared";
        Inbox<ActionMessage> first = new Inbox<>();
        Inbox<ActionMessage> second = new Inbox<>();
        Subscription s1 = b.subscribeGroupActions("shared", first);
        Subscription s2 = b.subscribeGroupActions("shared", second);
        assertEquals(List.of(channel), admin.pubsubChannels("livetemplate:groupaction:*"));
        assertEquals(Map.of(channel, 1L), admin.pubsubNumSub(channel), "one Redis subscription");

        s1.close();
        s1.close(); // idempotent
        assertFalse(s1.isConfirmed());
        assertTrue(s2.isConfirmed());
        Thread.sleep(100);
        assertEquals(List.of(channel), admin.pubsubChannels("livetemplate:groupaction:*"));
        a.publishGroupAction("shared", "still", null);
        assertEquals("still", second.next().action());
        first.assertEmpty(QUIET);

        s2.close();
        await(
                "UNSUBSCRIBE",
                Duration.ofSeconds(2),
                () -> admin.pubsubChannels("livetemplate:groupaction:*").isEmpty());

        // Patterns too, and re-subscribing after the last left works.
        Subscription p1 = b.subscribeTopic("room/*", first);
        Subscription p2 = b.subscribeTopic("room/*", second);
        assertEquals(1L, admin.pubsubNumPat());
        p1.close();
        Thread.sleep(100);
        assertEquals(1L, admin.pubsubNumPat());
        p2.close();
        await("PUNSUBSCRIBE", Duration.ofSeconds(2), () -> admin.pubsubNumPat() == 0);
        Subscription again = b.subscribeGroupActions("shared", first);
        closer.track(again);
        assertTrue(again.isConfirmed());
        a.publishGroupAction("shared", "again", null);
        assertEquals("again", first.next().action());
        // The global channel stays subscribed throughout.
        assertTrue(
                admin.pubsubChannels("livetemplate:broadcast:*")
                        .contains(Channels.GLOBAL_BROADCAST));
    }

    @Test
    void closeIsPromptAndFinal() throws Exception {
        RedisBroadcaster b =
                new RedisBroadcaster(
                        redis.url(), RedisBroadcaster.Options.defaults().withInstanceId("closing"));
        closer.track(b);
        closer.track(b.subscribeGroupActions("g", new Inbox<>()));
        long t0 = System.nanoTime();
        b.close();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms < 1000, "close took " + ms + " ms");
        assertFalse(b.isConnected());
        assertThrows(IllegalStateException.class, () -> b.publishGroupAction("g", "x", null));
        assertThrows(IllegalStateException.class, () -> b.subscribeGroupActions("g", m -> {}));
        await(
                "subscriber thread gone",
                Duration.ofSeconds(2),
                () ->
                        Thread.getAllStackTraces().keySet().stream()
                                .noneMatch(t -> t.getName().endsWith("-closing") && t.isAlive()));
        b.close(); // idempotent
    }

    @Test
    void parsesRedisUrls() {
        var e = RedisDeployment.Endpoint.parse("redis://:s3cr%40t@cache.internal:6380/2");
        assertEquals("cache.internal", e.hostAndPort().getHost());
        assertEquals(6380, e.hostAndPort().getPort());
        assertEquals(null, e.user());
        assertEquals("s3cr@t", e.password());
        assertEquals(2, e.database());
        assertFalse(e.ssl());
        assertNotEquals(-1, e.toString().indexOf("cache.internal:6380/2"));
        assertFalse(e.toString().contains("s3cr"));
        var u = RedisDeployment.Endpoint.parse("rediss://app:pw@h");
        assertEquals("app", u.user());
        assertEquals("pw", u.password());
        assertEquals(6379, u.hostAndPort().getPort());
        assertTrue(u.ssl());
        assertEquals(
                7000, RedisDeployment.Endpoint.parse("localhost:7000").hostAndPort().getPort());
        assertThrows(
                IllegalArgumentException.class, () -> RedisDeployment.Endpoint.parse("http://h:1"));
        assertThrows(
                IllegalArgumentException.class,
                () -> RedisDeployment.Endpoint.parse("redis://h:1/x"));
    }
}
