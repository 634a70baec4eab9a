package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.runtime.testing.LogCapture;
import io.github.livetemplate.undertow.testing.TestPage;
import io.github.livetemplate.undertow.testing.TestServer;
import io.undertow.Handlers;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LiveHandlerWebSocketTest {
    TestPage.Controller controller;
    LiveHandler<TestPage.Page> counter;
    TestServer server;

    @BeforeEach
    void start() {
        controller = new TestPage.Controller();
        counter =
                LiveHandler.builder(
                                new TestPage.Renderer(false), controller, TestPage.Page.initial())
                        .maxMessageBytes(4096)
                        .maxQueuedMessages(2)
                        .build();
        server = new TestServer(Handlers.path().addPrefixPath("/counter", counter));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void connectPushesTheFullTreeWithMeta() throws Exception {
        String cookie = server.session("/counter");
        try (TestServer.WsClient ws =
                server.connect("/counter?start=5", "Cookie", cookie, "Origin", server.origin())) {
            String first = ws.next();
            assertTrue(first.startsWith("{\"tree\":{\"s\":["), first);
            assertTrue(first.endsWith(",\"meta\":{\"success\":true,\"errors\":{}}}"), first);
            JsonNode j = TestServer.json(first);
            assertEquals("5", j.get("tree").get("0").asText(), "mounted with the WS query");
            assertNull(j.get("meta").get("action"));
            assertEquals(1, controller.connects.get());
        }
    }

    @Test
    void actionsAnswerDiffsWithMetaAction() throws Exception {
        try (TestServer.WsClient ws = server.connect("/counter")) {
            ws.next();
            assertEquals(
                    "{\"tree\":{\"0\":\"1\"},\"meta\":{\"success\":true,\"errors\":{},\"action\":\"increment\"}}",
                    ws.call("{\"action\":\"increment\",\"data\":{},\"submitter\":\"increment\"}")
                            .toString());
            JsonNode j = ws.call("{\"action\":\"add\",\"data\":{\"n\":41}}");
            assertEquals("42", j.get("tree").get("0").asText());
            assertEquals("add", j.get("meta").get("action").asText());
            // Unchanged: always a tree, {}.
            assertEquals(
                    "{\"tree\":{},\"meta\":{\"success\":true,\"errors\":{},\"action\":\"noop\"}}",
                    ws.call("{\"action\":\"noop\"}").toString());
            // Submitter as action when action is empty.
            j = ws.call("{\"action\":\"\",\"data\":{},\"submitter\":\"decrement\"}");
            assertEquals("41", j.get("tree").get("0").asText());
        }
    }

    @Test
    void pingIsAnsweredWithPongOnly() throws Exception {
        try (TestServer.WsClient ws = server.connect("/counter")) {
            ws.next();
            int mounts = controller.mounts.get();
            ws.send("{\"action\":\"__ping__\"}");
            assertEquals("{\"pong\":true}", ws.next());
            assertEquals(mounts, controller.mounts.get());
            assertNull(ws.messages.poll(200, TimeUnit.MILLISECONDS), "nothing else");
        }
    }

    @Test
    void navigateMountsAgainWithTheDataAsQuery() throws Exception {
        try (TestServer.WsClient ws = server.connect("/counter?start=1")) {
            ws.next();
            JsonNode j = ws.call("{\"action\":\"__navigate__\",\"data\":{\"start\":9}}");
            assertEquals("{\"0\":\"9\"}", j.get("tree").toString(), "a diff, not a full tree");
            assertTrue(j.get("meta").get("success").asBoolean());
            assertEquals("__navigate__", j.get("meta").get("action").asText());
            j = ws.call("{\"action\":\"increment\"}");
            assertEquals("10", j.get("tree").get("0").asText());
            // A failing mount leaves everything as it was.
            j = ws.call("{\"action\":\"__navigate__\",\"data\":{\"start\":\"x\"}}");
            assertEquals(0, j.get("tree").size());
            assertFalse(j.get("meta").get("success").asBoolean());
            assertEquals("11", ws.call("{\"action\":\"increment\"}").get("tree").get("0").asText());
        }
    }

    @Test
    void badInputNeverKillsTheSession() throws Exception {
        try (TestServer.WsClient ws = server.connect("/counter")) {
            ws.next();
            ws.call("{\"action\":\"increment\"}");
            String[][] cases = {
                {"{oops", "malformed JSON message: ", ""},
                {"[1,2]", "a message must be a JSON object", ""},
                {"{\"action\":42}", "\"action\" must be a string", ""},
                {
                    "{\"action\":\"increment\",\"data\":\"x\"}",
                    "\"data\" must be a JSON object",
                    "increment"
                },
                {"{\"action\":\"nope\"}", "unknown action \"nope\"", "nope"},
                {"{\"action\":\"boom\"}", "action \"boom\" failed (internal error)", "boom"},
                {
                    "{\"action\":\"reject\"}",
                    "action \"reject\" failed: n must be positive",
                    "reject"
                },
                {
                    "{\"action\":\"nullstate\"}",
                    "action \"nullstate\" returned no state",
                    "nullstate"
                },
                {"{\"data\":{}}", "the message names no action", ""},
            };
            for (String[] c : cases) {
                String raw = ws.call(c[0]).toString();
                JsonNode j = TestServer.json(raw);
                assertEquals("{}", j.get("tree").toString(), c[0]);
                assertFalse(j.get("meta").get("success").asBoolean(), c[0]);
                assertTrue(
                        j.get("meta").get("errors").get("_error").asText().startsWith(c[1]),
                        c[0] + " -> " + raw);
                assertEquals(c[2], j.get("meta").get("action").asText(), c[0]);
            }
            // Wrong types: field errors are rendered, the count is unchanged.
            JsonNode j =
                    ws.call("{\"action\":\"save\",\"data\":{\"title\":\"t\",\"qty\":\"many\"}}");
            assertFalse(j.get("meta").get("success").asBoolean());
            assertEquals("must be a whole number", j.get("meta").get("errors").get("qty").asText());
            assertEquals("qty=must be a whole number", j.get("tree").get("2").asText());
            // A good action afterwards works, on the unchanged state, and clears the errors.
            j = ws.call("{\"action\":\"increment\"}");
            assertTrue(j.get("meta").get("success").asBoolean());
            assertEquals("2", j.get("tree").get("0").asText());
            assertEquals("", j.get("tree").get("2").asText());
        }
    }

    @Test
    void validationErrorsAndFlash() throws Exception {
        try (TestServer.WsClient ws = server.connect("/counter")) {
            ws.next();
            JsonNode j =
                    ws.call(
                            "{\"action\":\"save\",\"data\":{\"title\":\"  \"},\"submitter\":\"save\"}");
            assertFalse(j.get("meta").get("success").asBoolean());
            assertEquals(
                    "{\"title\":\"Title is required\"}", j.get("meta").get("errors").toString());
            assertEquals("{\"2\":\"title=Title is required\"}", j.get("tree").toString());

            j = ws.call("{\"action\":\"flash\",\"data\":{\"msg\":\"Saved!\"}}");
            assertEquals("saved=Saved!", j.get("tree").get("3").asText());
            assertEquals("", j.get("tree").get("2").asText());
            // Flash stays across actions until cleared.
            j = ws.call("{\"action\":\"increment\"}");
            assertEquals("{\"0\":\"1\"}", j.get("tree").toString());
            j = ws.call("{\"action\":\"unflash\"}");
            assertEquals("{\"3\":\"\"}", j.get("tree").toString());
        }
    }

    @Test
    void overLargeMessageClosesWith1009() throws Exception {
        TestServer.WsClient ws = server.connect("/counter");
        ws.next();
        ws.socket.sendText(
                "{\"action\":\"add\",\"data\":{\"x\":\"" + "a".repeat(8000) + "\"}}", true);
        assertEquals(1009, ws.closed.get(5, TimeUnit.SECONDS));
        ws.socket.abort();
        // Other sessions are unaffected.
        try (TestServer.WsClient other = server.connect("/counter")) {
            other.next();
            assertEquals(
                    "1", other.call("{\"action\":\"increment\"}").get("tree").get("0").asText());
        }
    }

    @Test
    void failingMountClosesTheSocketWith1011() throws Exception {
        TestServer.WsClient ws = server.connect("/counter?start=oops");
        assertEquals(1011, ws.closed.get(5, TimeUnit.SECONDS));
        ws.socket.abort();
        assertTrue(ws.messages.isEmpty());
    }

    @Test
    void crossOriginUpgradeIsRefused() throws Exception {
        assertEquals(403, server.refusedStatus("/counter", "Origin", "http://evil.example"));
        assertEquals(403, server.refusedStatus("/counter", "Origin", "http://127.0.0.1:1"));
        try (TestServer.WsClient ws = server.connect("/counter", "Origin", server.origin())) {
            ws.next();
        }
        TestPage.Controller c = new TestPage.Controller();
        try (TestServer s =
                new TestServer(
                        Handlers.path()
                                .addPrefixPath(
                                        "/a",
                                        LiveHandler.builder(
                                                        new TestPage.Renderer(false),
                                                        c,
                                                        TestPage.Page.initial())
                                                .allowedOrigins("http://evil.example")
                                                .build())
                                .addPrefixPath(
                                        "/p",
                                        LiveHandler.builder(
                                                        new TestPage.Renderer(false),
                                                        c,
                                                        TestPage.Page.initial())
                                                .trustForwardedHeaders(true)
                                                .build()))) {
            try (TestServer.WsClient ws = s.connect("/a", "Origin", "http://evil.example")) {
                assertTrue(ws.next().startsWith("{\"tree\":"));
            }
            String[] fwd = {
                "Origin",
                "https://shop.example.com",
                "X-Forwarded-Proto",
                "https",
                "X-Forwarded-Host",
                "shop.example.com"
            };
            assertEquals(403, s.refusedStatus("/a", fwd), "forwarded headers not trusted");
            try (TestServer.WsClient ws = s.connect("/p", fwd)) {
                assertTrue(ws.next().startsWith("{\"tree\":"));
            }
        }
    }

    @Test
    void connectionsAreIndependent() throws Exception {
        String cookie = server.session("/counter");
        try (TestServer.WsClient a = server.connect("/counter", "Cookie", cookie);
                TestServer.WsClient b = server.connect("/counter", "Cookie", cookie)) {
            a.next();
            b.next();
            a.call("{\"action\":\"increment\"}");
            assertEquals("2", a.call("{\"action\":\"increment\"}").get("tree").get("0").asText());
            assertEquals("-1", b.call("{\"action\":\"decrement\"}").get("tree").get("0").asText());
            assertEquals(2, counter.openConnections());
        }
    }

    @Test
    void postAfterCloseActsOnTheLastSocketState() throws Exception {
        String cookie = server.session("/counter");
        // given an onDisconnect that is still busy when the tab's POST arrives
        controller.disconnectLingerMillis = 300;
        TestServer.WsClient ws = server.connect("/counter", "Cookie", cookie);
        ws.next();
        ws.call("{\"action\":\"add\",\"data\":{\"n\":5}}");
        ws.call("{\"action\":\"flash\",\"data\":{\"msg\":\"hi\"}}");
        ws.close();
        String gone = controller.disconnects.poll(5, TimeUnit.SECONDS);
        assertEquals(
                cookie.substring(cookie.indexOf('=') + 1) + ":5",
                gone,
                "onDisconnect with the last state");
        // onDisconnect and the hand-over of the state run as one task on the HTTP queue of the
        // session's group and path: the POST queues behind both.
        JsonNode j =
                TestServer.json(
                        server.post("/counter", "{\"action\":\"increment\"}", "Cookie", cookie)
                                .body());
        assertEquals("6", j.get("tree").get("0").asText());
        assertEquals("saved=hi", j.get("tree").get("3").asText(), "flash travels with the state");
        assertEquals(5, j.get("tree").get("s").size());
    }

    @Test
    void fullQueueDropsMessagesAnswersOnceAndKeepsTheConnection() throws Exception {
        try (LogCapture log = new LogCapture("io.github.livetemplate");
                TestServer.WsClient ws = server.connect("/counter")) {
            ws.next();
            controller.block = new CountDownLatch(1);
            ws.send("{\"action\":\"block\"}");
            Thread.sleep(100);
            for (int i = 0; i < 5; i++) {
                ws.send("{\"action\":\"increment\"}");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (counter.droppedMessages() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(
                    4, counter.droppedMessages(), "capacity 2: the blocked action and one more");
            controller.block.countDown();
            assertEquals("{}", ws.nextJson().get("tree").toString());
            assertEquals("1", ws.nextJson().get("tree").get("0").asText());
            // One answer for the run of drops, so that the client's form does not wait forever.
            JsonNode busy = ws.nextJson();
            assertEquals("{}", busy.get("tree").toString());
            assertFalse(busy.get("meta").get("success").asBoolean());
            assertEquals("increment", busy.get("meta").get("action").asText());
            assertTrue(busy.get("meta").get("errors").get("_error").asText().contains("busy"));
            assertEquals(
                    1, log.at(Level.WARNING, "queue is full").size(), "logged once, not per drop");
            assertEquals("2", ws.call("{\"action\":\"increment\"}").get("tree").get("0").asText());
        }
    }

    @Test
    void actionsRunOnWorkerThreadsAndDisconnectRuns() throws Exception {
        try (TestServer.WsClient ws = server.connect("/counter")) {
            ws.next();
            ws.call("{\"action\":\"increment\"}");
        }
        assertTrue(controller.disconnects.poll(5, TimeUnit.SECONDS).endsWith(":1"));
        for (String t : controller.threads) {
            assertFalse(t.contains("I/O"), "ran on an I/O thread: " + t);
        }
    }
}
