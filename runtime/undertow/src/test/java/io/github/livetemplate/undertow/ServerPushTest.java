package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.LiveRenderer;
import io.github.livetemplate.runtime.Utf8Buffer;
import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.runtime.pubsub.ActionMessage;
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
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Server push: session triggers, topics, access rules, one hop, fan-out memo, queue bounds. */
@Timeout(60)
class ServerPushTest {

    /** The state: a per-connection count and a shared text (a room's snapshot). */
    record Chat(int count, String shared) {}

    /** Two slots: count, shared. Counts writeDiff calls. */
    static final class Renderer implements LiveRenderer<Chat> {
        final AtomicInteger diffs = new AtomicInteger();

        @Override
        public String defaultWrapperId() {
            return "lvt-chat";
        }

        @Override
        public void writeHtml(Chat s, String wrapperId, boolean loading, Utf8Buffer out) {
            out.writeUtf8(
                    "<!DOCTYPE html><html><head></head><body><div data-lvt-id=\""
                            + wrapperId
                            + "\"><p>"
                            + s.count()
                            + "</p><p>"
                            + s.shared()
                            + "</p></div></body></html>");
        }

        @Override
        public void writeTree(Chat s, Utf8Buffer out) {
            out.writeAscii("{\"s\":[\"<p>\",\"</p><p>\",\"</p>\"],\"0\":");
            out.writeJsonString(Integer.toString(s.count()));
            out.writeAscii(",\"1\":");
            out.writeJsonString(s.shared());
            out.writeByte('}');
        }

        @Override
        public boolean writeDiff(Chat a, Chat b, Utf8Buffer out) {
            diffs.incrementAndGet();
            out.writeByte('{');
            boolean any = false;
            if (a.count() != b.count()) {
                out.writeAscii("\"0\":");
                out.writeJsonString(Integer.toString(b.count()));
                any = true;
            }
            if (!a.shared().equals(b.shared())) {
                if (any) {
                    out.writeByte(',');
                }
                out.writeAscii("\"1\":");
                out.writeJsonString(b.shared());
                any = true;
            }
            out.writeByte('}');
            return any;
        }
    }

    /** Mount subscribes to every {@code topic} query value (comma separated). */
    static final class Controller implements Actions<Chat> {
        volatile Chat current = new Chat(0, "start");
        volatile CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch release = new CountDownLatch(0);

        @Override
        public Set<String> names() {
            return Set.of(
                    "bump", "say", "relay", "sub", "unsub", "triggerGroup", "refresh", "block");
        }

        @Override
        public Chat mount(Chat state, Context ctx) {
            String topics = ctx.query().get("topic");
            if (topics != null) {
                for (String t : topics.split(",")) {
                    ctx.subscribe(t);
                }
            }
            return current;
        }

        @Override
        public Chat run(String name, Chat s, Context ctx) throws Exception {
            switch (name) {
                case "bump":
                    return new Chat(s.count() + 1, s.shared());
                case "say":
                    ctx.publish(ctx.getString("topic"), "bump", Map.of());
                    return s;
                case "relay":
                    ctx.publish("room/1", "relay", Map.of());
                    return new Chat(s.count() + 1, s.shared());
                case "sub":
                    ctx.subscribe(ctx.getString("topic"));
                    return s;
                case "unsub":
                    ctx.unsubscribe(ctx.getString("topic"));
                    return s;
                case "triggerGroup":
                    ctx.session().trigger("bump", Map.of());
                    return s;
                case "refresh":
                    return current;
                case "block":
                    entered.countDown();
                    if (!release.await(10, TimeUnit.SECONDS)) {
                        throw new AssertionError("not released");
                    }
                    return s;
                default:
                    throw new UnknownActionException(name);
            }
        }
    }

    final List<TestServer> servers = new ArrayList<>();
    final List<TestServer.WsClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(TestServer.WsClient::close);
        servers.forEach(TestServer::close);
    }

    TestServer serve(LiveHandler<Chat> handler) {
        TestServer s = new TestServer(Handlers.path().addPrefixPath("/chat", handler));
        servers.add(s);
        return s;
    }

    /** Connects and consumes the first message (asserted to be a full tree). */
    TestServer.WsClient open(TestServer server, String path, String... headers) throws Exception {
        TestServer.WsClient ws = server.connect(path, headers);
        clients.add(ws);
        String first = ws.next();
        assertTrue(first.startsWith("{\"tree\":{\"s\":"), first);
        return ws;
    }

    static void assertQuiet(TestServer.WsClient ws) throws InterruptedException {
        assertNull(ws.messages.poll(300, TimeUnit.MILLISECONDS), "no further message");
    }

    static final String BUMPED_TO_1 =
            "{\"tree\":{\"0\":\"1\"},\"meta\":{\"success\":true,\"errors\":{}}}";

    @Test
    void triggerReachesEveryTabOfTheGroupAndNoOtherGroup() throws Exception {
        Controller c = new Controller();
        LiveHandler<Chat> h = LiveHandler.builder(new Renderer(), c, c.current).build();
        TestServer server = serve(h);
        String cookie = server.session("/chat");
        TestServer.WsClient a = open(server, "/chat", "Cookie", cookie);
        TestServer.WsClient b = open(server, "/chat", "Cookie", cookie);
        TestServer.WsClient other = open(server, "/chat", "Cookie", server.session("/chat"));

        JsonNode reply = a.call("{\"action\":\"triggerGroup\"}");
        assertEquals("triggerGroup", reply.get("meta").get("action").asText());
        assertEquals(BUMPED_TO_1, a.next(), "the sender's own tab runs it too (after its action)");
        assertEquals(BUMPED_TO_1, b.next());
        assertQuiet(other);

        // From outside any action, by group id (the cookie value).
        String group = cookie.substring(cookie.indexOf('=') + 1);
        assertEquals(2, h.session(group).trigger("bump", Map.of()));
        assertEquals("2", a.nextJson().get("tree").get("0").asText());
        assertEquals("2", b.nextJson().get("tree").get("0").asText());
        assertQuiet(other);
        assertEquals(0, h.session("no-such-group").trigger("bump", null));
    }

    @Test
    void publishFromAnActionReachesOtherSubscribersNotTheSender() throws Exception {
        Controller c = new Controller();
        LiveHandler<Chat> h =
                LiveHandler.builder(new Renderer(), c, c.current).openTopics().build();
        TestServer server = serve(h);
        TestServer.WsClient a = open(server, "/chat?topic=room/1");
        TestServer.WsClient b = open(server, "/chat?topic=room/1");
        TestServer.WsClient b2 = open(server, "/chat?topic=room/1");
        TestServer.WsClient elsewhere = open(server, "/chat?topic=room/2");
        assertEquals(3, h.subscribers("room/1"));

        JsonNode reply = a.call("{\"action\":\"say\",\"data\":{\"topic\":\"room/1\"}}");
        assertEquals(
                "{\"tree\":{},\"meta\":{\"success\":true,\"errors\":{},\"action\":\"say\"}}",
                reply.toString());
        assertEquals(BUMPED_TO_1, b.next());
        assertEquals(BUMPED_TO_1, b2.next());
        assertQuiet(a);
        assertQuiet(elsewhere);
    }

    @Test
    void wildcardsMatchExactlyOneSegment() throws Exception {
        Controller c = new Controller();
        LiveHandler<Chat> h =
                LiveHandler.builder(new Renderer(), c, c.current).openTopics().build();
        TestServer server = serve(h);
        TestServer.WsClient star = open(server, "/chat?topic=chat/*");
        TestServer.WsClient deep = open(server, "/chat?topic=chat/a/b");
        TestServer.WsClient mid = open(server, "/chat?topic=chat/*/b,chat/a/b");

        assertEquals(1, h.publish("chat/a", "bump", Map.of()));
        assertEquals(BUMPED_TO_1, star.next());
        assertQuiet(deep);
        assertQuiet(mid);

        assertEquals(2, h.publish("chat/a/b", "bump", Map.of()), "once per connection");
        assertEquals(BUMPED_TO_1, deep.next());
        assertEquals(BUMPED_TO_1, mid.next());
        assertQuiet(mid);
        assertQuiet(star);
        assertEquals(0, h.publish("chat", "bump", Map.of()));
    }

    @Test
    void topicsAreDenyAllByDefault() throws Exception {
        Controller c = new Controller();
        LiveHandler<Chat> h = LiveHandler.builder(new Renderer(), c, c.current).build();
        TestServer server = serve(h);
        TestServer.WsClient ws = server.connect("/chat?topic=room/1");
        clients.add(ws);
        assertEquals(
                "{\"type\":\"error\",\"code\":\"topic_forbidden\",\"topic\":\"room/1\"}",
                ws.next());
        JsonNode first = ws.nextJson();
        assertTrue(first.get("tree").has("s"), "a usable page follows");
        assertFalse(first.get("meta").get("success").asBoolean());
        // The socket stays open and works.
        assertEquals("1", ws.call("{\"action\":\"bump\"}").get("tree").get("0").asText());
        assertEquals(0, h.subscribers("room/1"));
        // From an action: the action fails with a clear error, state kept.
        JsonNode j = ws.call("{\"action\":\"sub\",\"data\":{\"topic\":\"room/1\"}}");
        assertFalse(j.get("meta").get("success").asBoolean());
        assertEquals(
                "action \"sub\" failed: topic \"room/1\" is forbidden",
                j.get("meta").get("errors").get("_error").asText());
        assertEquals("{}", j.get("tree").toString());
        j = ws.call("{\"action\":\"say\",\"data\":{\"topic\":\"room/1\"}}");
        assertFalse(j.get("meta").get("success").asBoolean(), "publishing is checked too");
        assertFalse(ws.closed.isDone());
    }

    @Test
    void anAccessRuleDecidesPerTopicAndContext() throws Exception {
        Controller c = new Controller();
        LiveHandler<Chat> h =
                LiveHandler.builder(new Renderer(), c, c.current)
                        .topicAccess((topic, ctx) -> topic.startsWith("room/") && !ctx.isHttp())
                        .build();
        TestServer server = serve(h);
        TestServer.WsClient ws = open(server, "/chat?topic=room/*");
        assertEquals(1, h.subscribers("room/9"));
        JsonNode j = ws.call("{\"action\":\"sub\",\"data\":{\"topic\":\"admin/x\"}}");
        assertFalse(j.get("meta").get("success").asBoolean());
        j = ws.call("{\"action\":\"sub\",\"data\":{\"topic\":\"bad topic\"}}");
        assertTrue(j.get("meta").get("errors").get("_error").asText().contains("malformed topic"));
    }

    @Test
    void publishesGoOneHopOnly() throws Exception {
        Controller c = new Controller();
        LiveHandler<Chat> h =
                LiveHandler.builder(new Renderer(), c, c.current).openTopics().build();
        TestServer server = serve(h);
        TestServer.WsClient a = open(server, "/chat?topic=room/1");
        TestServer.WsClient b = open(server, "/chat?topic=room/1");
        assertEquals("1", a.call("{\"action\":\"relay\"}").get("tree").get("0").asText());
        assertEquals(BUMPED_TO_1, b.next(), "b ran relay; its own publish was dropped");
        Await.until(() -> h.droppedPublishes() == 1, "the dropped publish to be counted");
        assertQuiet(a);
        assertQuiet(b);
    }

    @Test
    void handlerPublishWorksFromAPlainThread() throws Exception {
        Controller c = new Controller();
        LiveHandler<Chat> h =
                LiveHandler.builder(new Renderer(), c, c.current).openTopics().build();
        TestServer server = serve(h);
        TestServer.WsClient a = open(server, "/chat?topic=news");
        TestServer.WsClient b = open(server, "/chat?topic=news");
        AtomicInteger queued = new AtomicInteger(-1);
        Thread t = new Thread(() -> queued.set(h.publish("news", "bump", Map.of("x", 1))));
        t.start();
        t.join(5000);
        assertEquals(2, queued.get());
        assertEquals(BUMPED_TO_1, a.next());
        assertEquals(BUMPED_TO_1, b.next());
    }

    @Test
    void subscriptionsEndWithTheConnectionAndOnUnsubscribe() throws Exception {
        Controller c = new Controller();
        CountingBroadcaster br = new CountingBroadcaster(new InProcessBroadcaster());
        LiveHandler<Chat> h =
                LiveHandler.builder(new Renderer(), c, c.current)
                        .openTopics()
                        .broadcaster(br)
                        .build();
        TestServer server = serve(h);
        TestServer.WsClient a = open(server, "/chat?topic=room/1,room/*");
        TestServer.WsClient b = open(server, "/chat?topic=room/1");
        assertEquals(2, h.subscribers("room/1"));
        assertTrue(h.awaitBroadcaster(TestServer.TIMEOUT));
        assertEquals(2, br.topicSubscribes.get(), "one broadcaster subscription per topic/pattern");
        assertEquals(2, br.groupSubscribes.get(), "one per group (two anonymous groups)");

        a.close();
        Await.until(() -> h.subscribers("room/1") == 1, "a's subscriptions to end");
        // The hub hands the releases to the broadcaster's thread after the membership changes,
        // so they may still be on their way when the count above is already 1.
        Await.until(() -> br.topicCloses.get() >= 1 && br.groupCloses.get() >= 1, "a's releases");
        assertTrue(h.awaitBroadcaster(TestServer.TIMEOUT));
        assertEquals(1, br.topicCloses.get(), "room/* released, room/1 still used by b");
        assertEquals(1, br.groupCloses.get());

        b.call("{\"action\":\"unsub\",\"data\":{\"topic\":\"room/1\"}}");
        assertEquals(0, h.subscribers("room/1"));
        Await.until(() -> br.topicCloses.get() >= 2, "room/1's release");
        assertTrue(h.awaitBroadcaster(TestServer.TIMEOUT));
        assertEquals(2, br.topicCloses.get());
        assertEquals(0, h.publish("room/1", "bump", Map.of()));
        assertQuiet(b);
    }

    @Test
    void instancesSharingABroadcasterDeliverToEachOther() throws Exception {
        InProcessBroadcaster.Hub hub = new InProcessBroadcaster.Hub();
        try (InProcessBroadcaster b1 = new InProcessBroadcaster(hub, "one");
                InProcessBroadcaster b2 = new InProcessBroadcaster(hub, "two")) {
            Controller c = new Controller();
            LiveHandler<Chat> h1 =
                    LiveHandler.builder(new Renderer(), c, c.current)
                            .openTopics()
                            .broadcaster(b1)
                            .build();
            LiveHandler<Chat> h2 =
                    LiveHandler.builder(new Renderer(), c, c.current)
                            .openTopics()
                            .broadcaster(b2)
                            .build();
            TestServer s1 = serve(h1);
            TestServer s2 = serve(h2);
            String cookie = s1.session("/chat");
            TestServer.WsClient a = open(s1, "/chat?topic=room/1,room/*", "Cookie", cookie);
            TestServer.WsClient b = open(s2, "/chat?topic=room/*", "Cookie", cookie);
            // Subscriptions on the broadcaster follow a connect asynchronously.
            assertTrue(
                    h1.awaitBroadcaster(TestServer.TIMEOUT)
                            && h2.awaitBroadcaster(TestServer.TIMEOUT));
            a.call("{\"action\":\"say\",\"data\":{\"topic\":\"room/1\"}}");
            assertEquals(BUMPED_TO_1, b.next(), "other instance, once");
            assertQuiet(a);
            assertQuiet(b);
            a.call("{\"action\":\"triggerGroup\"}");
            assertEquals("1", a.nextJson().get("tree").get("0").asText(), "a had not been bumped");
            assertEquals("2", b.nextJson().get("tree").get("0").asText());
        }
    }

    @Test
    void fanOutRendersAndSerializesASharedUpdateOnce() throws Exception {
        Controller c = new Controller();
        Renderer r = new Renderer();
        LiveHandler<Chat> h = LiveHandler.builder(r, c, c.current).openTopics().build();
        TestServer server = serve(h);
        List<TestServer.WsClient> ws = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ws.add(open(server, "/chat?topic=room/1"));
        }
        int before = r.diffs.get();
        c.current = new Chat(7, "hello everyone"); // the room's new snapshot, shared by all
        assertEquals(50, h.publish("room/1", "refresh", Map.of()));
        String expected =
                "{\"tree\":{\"0\":\"7\",\"1\":\"hello everyone\"},\"meta\":{\"success\":true,\"errors\":{}}}";
        for (TestServer.WsClient w : ws) {
            assertEquals(expected, w.next());
        }
        assertEquals(1, r.diffs.get() - before, "one diff for 50 identical (previous, next) pairs");

        // Per-connection results are rendered per connection.
        before = r.diffs.get();
        assertEquals(50, h.publish("room/1", "bump", Map.of()));
        for (TestServer.WsClient w : ws) {
            assertEquals(
                    "{\"tree\":{\"0\":\"8\"},\"meta\":{\"success\":true,\"errors\":{}}}", w.next());
        }
        assertEquals(50, r.diffs.get() - before);
    }

    @Test
    void pushesThatDoNotFitTheQueueAreDroppedAndCounted() throws Exception {
        Controller c = new Controller();
        c.release = new CountDownLatch(1);
        LiveHandler<Chat> h =
                LiveHandler.builder(new Renderer(), c, c.current)
                        .openTopics()
                        .maxQueuedMessages(2)
                        .build();
        TestServer server = serve(h);
        TestServer.WsClient a = open(server, "/chat?topic=room/1");
        a.send("{\"action\":\"block\"}");
        assertTrue(c.entered.await(5, TimeUnit.SECONDS));
        assertEquals(1, h.publish("room/1", "bump", Map.of()), "fits");
        assertEquals(0, h.publish("room/1", "bump", Map.of()), "dropped");
        assertEquals(0, h.publish("room/1", "bump", Map.of()), "dropped");
        assertEquals(2, h.droppedMessages());
        c.release.countDown();
        assertEquals("block", a.nextJson().get("meta").get("action").asText());
        assertEquals(BUMPED_TO_1, a.next());
        assertQuiet(a);
    }

    /** Counts group/topic subscriptions and their closes. */
    static final class CountingBroadcaster implements Broadcaster {
        final Broadcaster d;
        final AtomicInteger topicSubscribes = new AtomicInteger();
        final AtomicInteger topicCloses = new AtomicInteger();
        final AtomicInteger groupSubscribes = new AtomicInteger();
        final AtomicInteger groupCloses = new AtomicInteger();

        CountingBroadcaster(Broadcaster d) {
            this.d = d;
        }

        static Subscription counted(Subscription s, AtomicInteger closes) {
            return new Subscription() {
                @Override
                public String channel() {
                    return s.channel();
                }

                @Override
                public boolean isPattern() {
                    return s.isPattern();
                }

                @Override
                public boolean isConfirmed() {
                    return s.isConfirmed();
                }

                @Override
                public boolean awaitConfirmed(java.time.Duration t) throws InterruptedException {
                    return s.awaitConfirmed(t);
                }

                @Override
                public void close() {
                    closes.incrementAndGet();
                    s.close();
                }
            };
        }

        @Override
        public String instanceId() {
            return d.instanceId();
        }

        @Override
        public boolean isConnected() {
            return d.isConnected();
        }

        @Override
        public void publishGroupAction(String g, String a, Map<String, ?> data) {
            d.publishGroupAction(g, a, data);
        }

        @Override
        public void publishServerAction(String u, String a, Map<String, ?> data) {
            d.publishServerAction(u, a, data);
        }

        @Override
        public void publishTopicAction(String t, String a, Map<String, ?> data) {
            d.publishTopicAction(t, a, data);
        }

        @Override
        public void publishBroadcast(BroadcastMessage.Scope s, String t, byte[] p) {
            d.publishBroadcast(s, t, p);
        }

        @Override
        public Subscription subscribeGroupActions(String g, Consumer<? super ActionMessage> l) {
            groupSubscribes.incrementAndGet();
            return counted(d.subscribeGroupActions(g, l), groupCloses);
        }

        @Override
        public Subscription subscribeServerActions(String u, Consumer<? super ActionMessage> l) {
            return d.subscribeServerActions(u, l);
        }

        @Override
        public Subscription subscribeTopic(String t, Consumer<? super ActionMessage> l) {
            topicSubscribes.incrementAndGet();
            return counted(d.subscribeTopic(t, l), topicCloses);
        }

        @Override
        public Subscription subscribeBroadcasts(
                BroadcastMessage.Scope s, String t, Consumer<? super BroadcastMessage> l) {
            return d.subscribeBroadcasts(s, t, l);
        }

        @Override
        public Stats stats() {
            return d.stats();
        }

        @Override
        public void close() {
            d.close();
        }
    }
}
