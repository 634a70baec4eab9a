package io.github.livetemplate.redis;

import static io.github.livetemplate.redis.RedisBroadcasterTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.redis.testing.Closer;
import io.github.livetemplate.redis.testing.RedisServer;
import io.github.livetemplate.runtime.pubsub.ActionMessage;
import io.github.livetemplate.runtime.pubsub.BroadcastException;
import io.github.livetemplate.runtime.pubsub.Channels;
import io.github.livetemplate.runtime.pubsub.Subscription;
import io.github.livetemplate.runtime.testing.Inbox;
import io.github.livetemplate.runtime.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/** Redis goes away and comes back: no crash, logged once, delivery resumes within 2 s. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisBroadcasterOutageTest {
    @RegisterExtension final Closer closer = new Closer();

    private RedisBroadcaster broadcaster(RedisServer redis, String id) {
        return closer.track(
                new RedisBroadcaster(
                        redis.url(), RedisBroadcaster.Options.defaults().withInstanceId(id)));
    }

    private static long warningsAbout(LogCapture log, String text) {
        return log.at(Level.WARNING).stream().filter(r -> r.getMessage().contains(text)).count();
    }

    /** The probes: one publish per kind of channel; each sink must receive at least one. */
    private record Probe(String name, Runnable publish, Inbox<ActionMessage> sink) {}

    /** Publishes every probe every 100 ms until each has been received; returns the time taken. */
    private static long awaitDelivery(List<Probe> probes, Duration timeout)
            throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        Map<String, Boolean> got = new LinkedHashMap<>();
        probes.forEach(p -> got.put(p.name(), false));
        while (got.containsValue(false)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("delivery did not resume within " + timeout + ": " + got);
            }
            for (Probe p : probes) {
                if (!got.get(p.name())) {
                    try {
                        p.publish().run();
                    } catch (BroadcastException stillDown) {
                        // the publisher may not reach Redis yet either
                    }
                }
            }
            Thread.sleep(100);
            for (Probe p : probes) {
                if (!p.sink().queue.isEmpty()) {
                    got.put(p.name(), true);
                }
            }
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    @Test
    void redisKilledAndRestarted() throws Exception {
        RedisServer redis = closer.track(RedisServer.start());
        LogCapture log = closer.track(new LogCapture());
        RedisBroadcaster a = broadcaster(redis, "out-a");
        RedisBroadcaster b = broadcaster(redis, "out-b");
        Inbox<ActionMessage> group = new Inbox<>();
        Inbox<ActionMessage> user = new Inbox<>();
        Inbox<ActionMessage> topic = new Inbox<>();
        Inbox<ActionMessage> pattern = new Inbox<>();
        closer.track(b.subscribeGroupActions("g1", group));
        closer.track(b.subscribeServerActions("u1", user));
        closer.track(b.subscribeTopic("chat/a", topic));
        closer.track(b.subscribeTopic("news/*", pattern));
        Subscription leavesDuringOutage = b.subscribeGroupActions("leaving", m -> {});

        List<Probe> probes =
                new ArrayList<>(
                        List.of(
                                new Probe(
                                        "group",
                                        () -> a.publishGroupAction("g1", "ping", null),
                                        group),
                                new Probe(
                                        "user",
                                        () -> a.publishServerAction("u1", "ping", null),
                                        user),
                                new Probe(
                                        "topic",
                                        () -> a.publishTopicAction("chat/a", "ping", null),
                                        topic),
                                new Probe(
                                        "pattern",
                                        () -> a.publishTopicAction("news/today", "ping", null),
                                        pattern)));
        awaitDelivery(probes, Duration.ofSeconds(2));

        // ---- outage ----
        redis.kill();
        await("outage noticed", Duration.ofSeconds(2), () -> !a.isConnected() && !b.isConnected());
        assertEquals(2, warningsAbout(log, "lost"), "one WARNING per broadcaster");
        LogRecord w = log.at(Level.WARNING).get(0);
        assertTrue(w.getMessage().contains("127.0.0.1:" + redis.port()), w.getMessage());

        long t0 = System.nanoTime();
        BroadcastException e =
                assertThrows(
                        BroadcastException.class, () -> a.publishGroupAction("g1", "lost", null));
        long publishMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(publishMs < 1000, "publish failed fast (" + publishMs + " ms)");
        assertTrue(e.getMessage().contains("unavailable"), e.getMessage());
        assertEquals(1, a.stats().publishFailures());

        // Subscribing and unsubscribing while Redis is down: prompt, applied on reconnect.
        Inbox<ActionMessage> late = new Inbox<>();
        Inbox<ActionMessage> latePattern = new Inbox<>();
        t0 = System.nanoTime();
        Subscription lateSub = closer.track(b.subscribeTopic("late/topic", late));
        closer.track(b.subscribeTopic("later/*/x", latePattern));
        leavesDuringOutage.close();
        long subscribeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(subscribeMs < 200, "subscribe while down took " + subscribeMs + " ms");
        assertFalse(lateSub.isConfirmed());
        probes.add(new Probe("late", () -> a.publishTopicAction("late/topic", "ping", null), late));
        probes.add(
                new Probe(
                        "latePattern",
                        () -> a.publishTopicAction("later/on/x", "ping", null),
                        latePattern));

        Thread.sleep(1500); // several failed reconnect attempts
        assertEquals(2, warningsAbout(log, "lost"), "the outage is logged once, not per attempt");
        assertTrue(b.stats().outages() == 1 && b.stats().reconnects() == 0);

        // ---- recovery ----
        redis.restart();
        long ms = awaitDelivery(probes, Duration.ofSeconds(2));
        System.out.println("delivery resumed " + ms + " ms after redis-server answered PING");
        assertTrue(lateSub.awaitConfirmed(Duration.ofSeconds(1)));
        await("both reconnected", Duration.ofSeconds(2), () -> a.isConnected() && b.isConnected());
        assertEquals(
                2,
                log.at(Level.INFO).stream()
                        .filter(r -> r.getMessage().contains("restored"))
                        .count());
        assertEquals(1, b.stats().reconnects());
        try (Jedis admin = new Jedis("127.0.0.1", redis.port(), 2000)) {
            List<String> subscribed = admin.pubsubChannels("livetemplate:*");
            assertTrue(
                    subscribed.contains("livetemplate:groupaction:group:g1"),
                    subscribed.toString());
            assertFalse(
                    subscribed.contains("livetemplate:groupaction:group:leaving"),
                    subscribed.toString());
            assertTrue(subscribed.contains(Channels.GLOBAL_BROADCAST));
            assertEquals(2L, admin.pubsubNumPat());
        }
        assertEquals(0, b.stats().listenerFailures());
    }

    @Test
    void subscriberConnectionKilledByServer() throws Exception {
        RedisServer redis = closer.track(RedisServer.start());
        LogCapture log = closer.track(new LogCapture());
        RedisBroadcaster a = broadcaster(redis, "kill-a");
        RedisBroadcaster b = broadcaster(redis, "kill-b");
        Inbox<ActionMessage> group = new Inbox<>();
        Inbox<ActionMessage> pattern = new Inbox<>();
        closer.track(b.subscribeGroupActions("g1", group));
        closer.track(b.subscribeTopic("news/*", pattern));
        try (Jedis admin = new Jedis("127.0.0.1", redis.port(), 2000)) {
            admin.sendCommand(Protocol.Command.CLIENT, "KILL", "TYPE", "pubsub");
        }
        long ms =
                awaitDelivery(
                        List.of(
                                new Probe(
                                        "group",
                                        () -> a.publishGroupAction("g1", "x", null),
                                        group),
                                new Probe(
                                        "pattern",
                                        () -> a.publishTopicAction("news/1", "x", null),
                                        pattern)),
                        Duration.ofSeconds(2));
        assertTrue(ms < 2000);
        assertTrue(warningsAbout(log, "lost") >= 1);
    }

    @Test
    void healthCheckKeepsAHealthyConnectionAndDetectsASilentServer() throws Exception {
        RedisServer redis = closer.track(RedisServer.start());
        LogCapture log = closer.track(new LogCapture());
        RedisBroadcaster.Options fast =
                RedisBroadcaster.Options.defaults().withHealthCheckInterval(Duration.ofMillis(100));
        RedisBroadcaster a = broadcaster(redis, "hc-a");
        RedisBroadcaster b =
                closer.track(new RedisBroadcaster(redis.url(), fast.withInstanceId("hc-b")));
        Inbox<ActionMessage> group = new Inbox<>();
        closer.track(b.subscribeGroupActions("g1", group));
        Thread.sleep(1000); // ten PINGs, read timeout 300 ms: must stay up
        assertTrue(b.isConnected());
        assertEquals(0, warningsAbout(log, "lost"), "PONGs keep the connection alive");

        // The server stops answering (connection stays open): detected by the missing PONG.
        try (Jedis admin = new Jedis("127.0.0.1", redis.port(), 2000)) {
            admin.sendCommand(Protocol.Command.CLIENT, "PAUSE", "1500", "ALL");
        }
        await(
                "silent server detected",
                Duration.ofSeconds(2),
                () -> warningsAbout(log, "lost") == 1);
        awaitDelivery(
                List.of(new Probe("group", () -> a.publishGroupAction("g1", "x", null), group)),
                Duration.ofSeconds(4));
        assertTrue(b.isConnected());
    }

    @Test
    void startsWhileRedisIsDown() throws Exception {
        RedisServer redis = closer.track(RedisServer.notStarted());
        LogCapture log = closer.track(new LogCapture());
        long t0 = System.nanoTime();
        RedisBroadcaster b =
                closer.track(
                        new RedisBroadcaster(
                                redis.url(),
                                RedisBroadcaster.Options.defaults()
                                        .withInstanceId("early-b")
                                        .withSubscribeTimeout(Duration.ofMillis(300))));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 1500);
        assertFalse(b.isConnected());
        assertEquals(1, warningsAbout(log, "cannot connect"));
        Inbox<ActionMessage> group = new Inbox<>();
        Subscription s = closer.track(b.subscribeGroupActions("g1", group));
        assertFalse(s.isConfirmed());

        redis.restart();
        RedisBroadcaster a = broadcaster(redis, "early-a");
        awaitDelivery(
                List.of(new Probe("group", () -> a.publishGroupAction("g1", "x", null), group)),
                Duration.ofSeconds(2));
        assertTrue(s.isConfirmed());
    }
}
