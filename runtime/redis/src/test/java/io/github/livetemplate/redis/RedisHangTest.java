package io.github.livetemplate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.redis.testing.Closer;
import io.github.livetemplate.redis.testing.RedisServer;
import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.LiveRenderer;
import io.github.livetemplate.runtime.Utf8Buffer;
import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.runtime.pubsub.Subscription;
import io.github.livetemplate.undertow.LiveHandler;
import io.github.livetemplate.undertow.testing.TestServer;
import io.undertow.Handlers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * A hung Redis (the process stopped with SIGSTOP: connections stay open, nothing is answered) must
 * not stall pages: connects, actions and publishing actions answer promptly while it is stopped,
 * and cross-instance delivery resumes once it continues.
 */
@Timeout(30)
class RedisHangTest {
    /** Longest acceptable answer while Redis is stopped. */
    static final long MAX_MS = 500;

    record Feed(int count) {}

    static final class Renderer implements LiveRenderer<Feed> {
        @Override
        public String defaultWrapperId() {
            return "lvt-feed";
        }

        @Override
        public void writeHtml(Feed s, String wrapperId, boolean loading, Utf8Buffer out) {
            out.writeUtf8(
                    "<!DOCTYPE html><html><head></head><body><div data-lvt-id=\""
                            + wrapperId
                            + "\"><p>"
                            + s.count()
                            + "</p></div></body></html>");
        }

        @Override
        public void writeTree(Feed s, Utf8Buffer out) {
            out.writeAscii("{\"s\":[\"<p>\",\"</p>\"],\"0\":");
            out.writeJsonString(Integer.toString(s.count()));
            out.writeByte('}');
        }

        @Override
        public boolean writeDiff(Feed a, Feed b, Utf8Buffer out) {
            out.writeByte('{');
            boolean any = a.count() != b.count();
            if (any) {
                out.writeAscii("\"0\":");
                out.writeJsonString(Integer.toString(b.count()));
            }
            out.writeByte('}');
            return any;
        }
    }

    /** Mount subscribes to the {@code topic} query values; {@code say} publishes a bump. */
    static final class Controller implements Actions<Feed> {
        @Override
        public Set<String> names() {
            return Set.of("increment", "say", "bump");
        }

        @Override
        public Feed mount(Feed state, Context ctx) {
            String topics = ctx.query().get("topic");
            if (topics != null) {
                for (String t : topics.split(",")) {
                    ctx.subscribe(t);
                }
            }
            return state;
        }

        @Override
        public Feed run(String name, Feed s, Context ctx) throws Exception {
            switch (name) {
                case "increment":
                case "bump":
                    return new Feed(s.count() + 1);
                case "say":
                    ctx.publish(ctx.getString("topic"), "bump", Map.of());
                    return s;
                default:
                    throw new UnknownActionException(name);
            }
        }
    }

    record Instance(TestServer server, LiveHandler<Feed> handler, RedisBroadcaster broadcaster) {}

    @RegisterExtension final Closer closer = new Closer();

    private Instance instance(RedisServer redis, String id) {
        RedisBroadcaster b =
                closer.track(
                        new RedisBroadcaster(
                                redis.url(),
                                RedisBroadcaster.Options.defaults().withInstanceId(id)));
        LiveHandler<Feed> h =
                LiveHandler.builder(new Renderer(), new Controller(), new Feed(0))
                        .openTopics()
                        .broadcaster(b)
                        // One connection sends an action per loop, some 30 a second: past
                        // the default rate limit, which is not what this test is about.
                        .rateLimit(0, 0)
                        .build();
        TestServer s = closer.track(new TestServer(Handlers.path().addPrefixPath("/feed", h)));
        return new Instance(s, h, b);
    }

    private TestServer.WsClient open(Instance at, String path) throws Exception {
        TestServer.WsClient ws = closer.track(at.server().connect(path));
        JsonNode first = ws.nextJson();
        assertTrue(first.has("tree"), first.toString());
        return ws;
    }

    static String say(String topic) {
        return "{\"action\":\"say\",\"data\":{\"topic\":\"" + topic + "\"}}";
    }

    static void await(BooleanSupplier condition, long ms, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out (" + ms + " ms) waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Says on {@code topic} from {@code from} until {@code to} receives a bump; the time it took.
     */
    static long awaitDelivery(
            TestServer.WsClient from, String topic, TestServer.WsClient to, long ms)
            throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(ms);
        while (System.nanoTime() < deadline) {
            from.call(say(topic));
            String got = to.messages.poll(250, TimeUnit.MILLISECONDS);
            if (got != null) {
                assertTrue(got.contains("\"0\":"), got);
                to.messages.clear(); // a late copy of an earlier probe
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            }
        }
        throw new AssertionError("no delivery on " + topic + " within " + ms + " ms");
    }

    static long since(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    static Set<String> channels(RedisServer redis, String pattern) {
        try (Jedis j = new Jedis("127.0.0.1", redis.port(), 1000)) {
            return new TreeSet<>(j.pubsubChannels(pattern));
        }
    }

    @Test
    void aStoppedRedisStallsNoConnectOrActionAndDeliveryResumes() throws Exception {
        RedisServer redis = closer.track(RedisServer.start());
        Instance a = instance(redis, "hang-a");
        Instance b = instance(redis, "hang-b");
        await(
                () -> a.broadcaster().isConnected() && b.broadcaster().isConnected(),
                5000,
                "both instances connected to Redis");
        TestServer.WsClient onB = open(b, "/feed?topic=news");
        TestServer.WsClient onA = open(a, "/feed");
        awaitDelivery(onA, "news", onB, 5000);

        AtomicInteger failureWarnings = new AtomicInteger();
        Handler warnings =
                new Handler() {
                    @Override
                    public void publish(LogRecord r) {
                        if (r.getLevel() == Level.WARNING
                                && r.getMessage().contains("could not hand")) {
                            failureWarnings.incrementAndGet();
                        }
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                };
        Logger runtimeLog = Logger.getLogger("io.github.livetemplate");
        runtimeLog.addHandler(warnings);
        closer.track(() -> runtimeLog.removeHandler(warnings));
        List<Long> connects = new ArrayList<>();
        List<Long> actions = new ArrayList<>();
        List<Long> publishes = new ArrayList<>();
        TestServer.WsClient lateOnB;
        redis.pause();
        long stopped = System.nanoTime();
        try {
            // Many short-lived connections (each its own session group, so each needs a new group
            // channel on Redis), a local action and a publishing action on each, while Redis is
            // stopped; at least 5 s, well past the subscribe and publish timeouts (2 s), at most 8
            // s.
            for (int i = 0; (i < 20 || since(stopped) < 5000) && since(stopped) < 8000; i++) {
                long t0 = System.nanoTime();
                TestServer.WsClient c = open(a, "/feed?topic=t" + (i % 3));
                connects.add(since(t0));
                t0 = System.nanoTime();
                assertEquals(
                        "1", c.call("{\"action\":\"increment\"}").get("tree").get("0").asText());
                actions.add(since(t0));
                t0 = System.nanoTime();
                c.call(say("stall"));
                publishes.add(since(t0));
                c.close();
                t0 = System.nanoTime();
                onA.call("{\"action\":\"increment\"}");
                actions.add(since(t0));
            }
            // A new channel subscribed on B while Redis is stopped.
            long t0 = System.nanoTime();
            lateOnB = open(b, "/feed?topic=late");
            connects.add(since(t0));
        } finally {
            redis.resume();
        }
        long stoppedMs = since(stopped);
        long maxConnect = Collections.max(connects);
        long maxAction = Collections.max(actions);
        long maxPublish = Collections.max(publishes);
        System.out.printf(
                "Redis stopped %d ms: %d connects (max %d ms), %d actions (max %d ms),"
                        + " %d publishing actions (max %d ms)%n",
                stoppedMs,
                connects.size(),
                maxConnect,
                actions.size(),
                maxAction,
                publishes.size(),
                maxPublish);
        assertTrue(maxConnect < MAX_MS, "a connect took " + maxConnect + " ms");
        assertTrue(maxAction < MAX_MS, "an action took " + maxAction + " ms");
        assertTrue(maxPublish < MAX_MS, "a publishing action took " + maxPublish + " ms");

        // Redis continues: delivery across instances resumes (behind what A queued meanwhile), on
        // the old channel and on the one subscribed while Redis was stopped.
        long news = awaitDelivery(onA, "news", onB, 5000);
        long late = awaitDelivery(onA, "late", lateOnB, 5000);
        System.out.printf(
                "after SIGCONT: delivery A -> B in %d ms (news), %d ms (late);"
                        + " %d messages for B failed during the stall%n",
                news, late, a.handler().broadcastFailures());
        assertTrue(failureWarnings.get() <= 1, "publish failures are logged once per run");

        // No subscription leaked or lost: the group and topic channels on Redis are those of the
        // three open connections.
        await(
                () -> channels(redis, "livetemplate:groupaction:*").size() == 3,
                5000,
                "three group channels");
        await(
                () ->
                        channels(redis, "livetemplate:topic:*")
                                .equals(
                                        Set.of(
                                                "livetemplate:topic:late",
                                                "livetemplate:topic:news")),
                5000,
                "the topic channels news and late");
    }

    @Test
    void aStoppedRedisThatStopsReadingHoldsNoLock() throws Exception {
        RedisServer redis = closer.track(RedisServer.start());
        RedisBroadcaster b =
                closer.track(
                        new RedisBroadcaster(
                                redis.url(),
                                RedisBroadcaster.Options.defaults().withInstanceId("hang-lock")));
        await(b::isConnected, 5000, "connected to Redis");
        // Channels with long names, so that releasing them writes more UNSUBSCRIBE bytes than the
        // kernel buffers for a process that reads nothing: those writes block until Redis
        // continues.
        List<Subscription> long_ = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            String name = i + "-" + "h".repeat(1 << 20);
            long_.add(b.subscribeTopic(name, m -> {}));
        }
        for (Subscription s : long_) {
            assertTrue(s.awaitConfirmed(java.time.Duration.ofSeconds(5)));
        }
        CompletableFuture<Void> releases;
        CompletableFuture<Long> small;
        redis.pause();
        try {
            releases = CompletableFuture.runAsync(() -> long_.forEach(Subscription::close));
            Thread.sleep(500);
            small =
                    CompletableFuture.supplyAsync(
                            () -> {
                                long t0 = System.nanoTime();
                                b.subscribeTopic("small", m -> {}).close();
                                return since(t0);
                            });
            long ms;
            try {
                ms = small.get(5, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError(
                        "a subscribe waited more than 5 s behind a blocked write", e);
            }
            System.out.printf(
                    "subscribe and close while writes to a stopped Redis block: %d ms%n", ms);
            assertTrue(ms < 3000, "bounded by the subscribe timeout (2 s): " + ms + " ms");
        } finally {
            redis.resume();
        }
        releases.get(10, TimeUnit.SECONDS);
        await(
                () -> channels(redis, "livetemplate:topic:*").isEmpty(),
                10000,
                "every channel released on Redis");
        Subscription s = b.subscribeTopic("after", m -> {});
        assertTrue(s.awaitConfirmed(java.time.Duration.ofSeconds(5)), "Redis answers again");
        s.close();
    }
}
