package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.pubsub.ActionMessage;
import io.github.livetemplate.runtime.pubsub.BroadcastException;
import io.github.livetemplate.runtime.pubsub.BroadcastMessage;
import io.github.livetemplate.runtime.pubsub.Broadcaster;
import io.github.livetemplate.runtime.pubsub.InProcessBroadcaster;
import io.github.livetemplate.runtime.pubsub.Subscription;
import io.github.livetemplate.undertow.testing.Await;
import io.github.livetemplate.undertow.testing.TestServer;
import io.undertow.Handlers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A broadcaster that hangs (subscribes block) or fails (publishes throw) never delays a connect or
 * an action; subscriptions are reference-counted correctly once it answers again; publish failures
 * are counted, bounded and logged once.
 */
@Timeout(30)
class SlowBroadcasterTest {
    static final long MAX_MS = 500;

    /** Subscribes wait for {@link #gate}; publishes throw while {@link #failing}. */
    static final class Stuck implements Broadcaster {
        final ServerPushTest.CountingBroadcaster d =
                new ServerPushTest.CountingBroadcaster(new InProcessBroadcaster());
        volatile CountDownLatch gate = new CountDownLatch(1);
        volatile boolean failing;

        private void await() {
            try {
                if (!gate.await(20, TimeUnit.SECONDS)) {
                    throw new AssertionError("gate not opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void maybeFail() {
            if (failing) {
                throw new BroadcastException("transport down");
            }
        }

        @Override
        public String instanceId() {
            return d.instanceId();
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public void publishGroupAction(String g, String a, Map<String, ?> data) {
            maybeFail();
            d.publishGroupAction(g, a, data);
        }

        @Override
        public void publishServerAction(String u, String a, Map<String, ?> data) {
            maybeFail();
            d.publishServerAction(u, a, data);
        }

        @Override
        public void publishTopicAction(String t, String a, Map<String, ?> data) {
            maybeFail();
            d.publishTopicAction(t, a, data);
        }

        @Override
        public void publishBroadcast(BroadcastMessage.Scope s, String t, byte[] p) {
            maybeFail();
            d.publishBroadcast(s, t, p);
        }

        @Override
        public Subscription subscribeGroupActions(String g, Consumer<? super ActionMessage> l) {
            await();
            return d.subscribeGroupActions(g, l);
        }

        @Override
        public Subscription subscribeServerActions(String u, Consumer<? super ActionMessage> l) {
            await();
            return d.subscribeServerActions(u, l);
        }

        @Override
        public Subscription subscribeTopic(String t, Consumer<? super ActionMessage> l) {
            await();
            return d.subscribeTopic(t, l);
        }

        @Override
        public Subscription subscribeBroadcasts(
                BroadcastMessage.Scope s, String t, Consumer<? super BroadcastMessage> l) {
            await();
            return d.subscribeBroadcasts(s, t, l);
        }

        @Override
        public Stats stats() {
            return d.stats();
        }

        @Override
        public void close() {
            gate.countDown();
            d.close();
        }
    }

    final Stuck broadcaster = new Stuck();
    final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    final Handler capture =
            new Handler() {
                @Override
                public void publish(LogRecord r) {
                    if (r.getLevel().intValue() >= Level.INFO.intValue()) {
                        warnings.add(r);
                    }
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };
    final Logger logger = Logger.getLogger("io.github.livetemplate");
    LiveHandler<ServerPushTest.Chat> handler;
    TestServer server;
    final List<TestServer.WsClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        logger.addHandler(capture);
        ServerPushTest.Controller c = new ServerPushTest.Controller();
        handler =
                LiveHandler.builder(new ServerPushTest.Renderer(), c, c.current)
                        .openTopics()
                        .broadcaster(broadcaster)
                        .build();
        server = new TestServer(Handlers.path().addPrefixPath("/chat", handler));
    }

    @AfterEach
    void stop() {
        broadcaster.close();
        clients.forEach(TestServer.WsClient::close);
        server.close();
        logger.removeHandler(capture);
    }

    TestServer.WsClient open(String path) throws Exception {
        TestServer.WsClient ws = server.connect(path);
        clients.add(ws);
        assertTrue(ws.next().startsWith("{\"tree\":{\"s\":"));
        return ws;
    }

    static long since(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    long messages(String text) {
        return warnings.stream().filter(r -> r.getMessage().contains(text)).count();
    }

    @Test
    void aHungBroadcasterDelaysNoConnectOrActionAndKeepsCountsRight() throws Exception {
        broadcaster.failing = true;
        long slowest = 0;
        List<TestServer.WsClient> open = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long t0 = System.nanoTime();
            TestServer.WsClient ws = open("/chat?topic=room/" + i);
            ws.call("{\"action\":\"bump\"}");
            ws.call("{\"action\":\"say\",\"data\":{\"topic\":\"nobody/here\"}}");
            slowest = Math.max(slowest, since(t0));
            if (i % 2 == 0) {
                ws.close(); // connects and disconnects while the first subscribe is pending
            } else {
                open.add(ws);
            }
        }
        Await.until(() -> handler.openConnections() == 10, "ten connections left");
        assertTrue(slowest < MAX_MS, "a connect with two actions took " + slowest + " ms");
        assertEquals(
                0, handler.broadcastFailures(), "the publishes still wait for the broadcaster");

        broadcaster.gate.countDown();
        assertTrue(handler.awaitBroadcaster(TestServer.TIMEOUT));
        ServerPushTest.CountingBroadcaster counts = broadcaster.d;
        Await.until(
                () ->
                        counts.groupSubscribes.get() - counts.groupCloses.get() == 10
                                && counts.topicSubscribes.get() - counts.topicCloses.get() == 10,
                "the closed connections' releases");
        assertEquals(
                10,
                counts.groupSubscribes.get() - counts.groupCloses.get(),
                "one group subscription per open connection, none leaked");
        assertEquals(
                10,
                counts.topicSubscribes.get() - counts.topicCloses.get(),
                "one topic subscription per open connection, none leaked");
        assertEquals(20, handler.broadcastFailures(), "every publish failed and was counted");
        assertEquals(1, messages("could not hand"), "a run of failures is logged once");

        broadcaster.failing = false;
        handler.publish("nobody/here", "bump", Map.of());
        assertTrue(handler.awaitBroadcaster(TestServer.TIMEOUT));
        assertEquals(1, messages("takes messages for other instances again"));
        assertEquals(20, handler.broadcastFailures());

        for (TestServer.WsClient ws : open) {
            ws.close();
        }
        Await.until(() -> handler.openConnections() == 0, "all closed");
        // A connection's releases reach the broadcaster's thread after it stops counting as open.
        Await.until(
                () ->
                        counts.groupCloses.get() == counts.groupSubscribes.get()
                                && counts.topicCloses.get() == counts.topicSubscribes.get(),
                "every subscription released");
        assertTrue(handler.awaitBroadcaster(TestServer.TIMEOUT));
        assertEquals(counts.groupSubscribes.get(), counts.groupCloses.get());
        assertEquals(counts.topicSubscribes.get(), counts.topicCloses.get());
    }

    @Test
    void publishesWaitingForAHungBroadcasterAreBounded() throws Exception {
        // Its group subscription holds the broadcaster thread at the gate.
        TestServer.WsClient ws = open("/chat");
        int n = 5000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            assertEquals(0, handler.publish("room/1", "bump", Map.of()), "no local subscriber");
        }
        assertTrue(since(t0) < 2000, "publishing did not block");
        long dropped = n - 4096;
        assertEquals(dropped, handler.broadcastFailures(), "what does not fit is dropped, counted");
        assertEquals(1, messages("could not hand"));
        broadcaster.gate.countDown();
        assertTrue(handler.awaitBroadcaster(TestServer.TIMEOUT));
        assertEquals(4096, broadcaster.stats().published(), "the queued publishes went out");
        assertEquals(dropped, handler.broadcastFailures());
        ws.close();
    }
}
