package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.runtime.testing.LogCapture;
import io.github.livetemplate.undertow.testing.Await;
import io.github.livetemplate.undertow.testing.TestPage;
import io.github.livetemplate.undertow.testing.TestServer;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Per-connection rate limit (refused with a normal failure reply; persistent abuse closes the
 * socket) and connection caps (503 before the upgrade).
 */
@Timeout(30)
class InboundLimitsTest {
    static final String INCREMENT = "{\"action\":\"increment\"}";

    TestServer server;
    LiveHandler<TestPage.Page> handler;

    void start(UnaryOperator<LiveHandler.Builder<TestPage.Page>> options) {
        handler =
                options.apply(
                                LiveHandler.builder(
                                        new TestPage.Renderer(false),
                                        new TestPage.Controller(),
                                        TestPage.Page.initial()))
                        .build();
        server = TestServer.with("/counter", handler);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void overTheRateLimitAMessageIsRefusedWithAFailureReplyAndTheSessionGoesOn() throws Exception {
        start(b -> b.rateLimit(0.5, 3));
        try (LogCapture log = new LogCapture("io.github.livetemplate");
                TestServer.WsClient ws = server.connect("/counter")) {
            ws.next();
            for (int i = 0; i < 6; i++) {
                ws.send(INCREMENT);
            }
            for (int i = 1; i <= 3; i++) {
                JsonNode ok = ws.nextJson();
                assertEquals(Integer.toString(i), ok.get("tree").get("0").asText(), "burst of 3");
            }
            for (int i = 0; i < 3; i++) {
                String raw = ws.next();
                assertFalse(raw.contains("\"tree\":null"), "the 0.25.1 client needs a tree");
                JsonNode refused = TestServer.json(raw);
                assertEquals("{}", refused.get("tree").toString());
                assertFalse(refused.get("meta").get("success").asBoolean());
                assertEquals("increment", refused.get("meta").get("action").asText());
                assertTrue(
                        refused.get("meta").get("errors").get("_error").asText().contains("slow"));
            }
            assertEquals(3, handler.rateLimitedMessages());
            assertEquals(1, log.at(Level.WARNING, "rate-limiting").size(), "logged once");
        }
    }

    @Test
    void persistentAbuseClosesTheSocketWith1008() throws Exception {
        start(b -> b.rateLimit(1, 1));
        try (TestServer.WsClient ws = server.connect("/counter")) {
            ws.next();
            for (int i = 0; i < 150 && !ws.closed.isDone(); i++) {
                try {
                    ws.send(INCREMENT);
                } catch (Exception closing) {
                    break; // the server closed while we were sending
                }
            }
            assertEquals(1008, ws.closed.get(10, TimeUnit.SECONDS));
            assertEquals(1, handler.abuseCloses());
        }
    }

    @Test
    void aZeroRateDisablesTheLimit() throws Exception {
        start(b -> b.rateLimit(0, 0));
        try (TestServer.WsClient ws = server.connect("/counter")) {
            ws.next();
            for (int i = 0; i < 100; i++) {
                ws.send(INCREMENT);
            }
            JsonNode last = null;
            for (int i = 0; i < 100; i++) {
                last = ws.nextJson();
                assertTrue(last.get("meta").get("success").asBoolean());
            }
            assertEquals("100", last.get("tree").get("0").asText());
            assertEquals(0, handler.rateLimitedMessages());
        }
    }

    @Test
    void theDefaultLimitLetsAHumanClickThrough() throws Exception {
        start(b -> b);
        try (TestServer.WsClient ws = server.connect("/counter")) {
            ws.next();
            for (int i = 1; i <= 20; i++) {
                assertEquals(Integer.toString(i), ws.call(INCREMENT).get("tree").get("0").asText());
            }
            assertEquals(0, handler.rateLimitedMessages());
        }
    }

    /** Frames near the JSON bounds of {@code inboundJson(4, 10)}: accepted or refused. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "depth 4 | {\"action\":\"add\",\"data\":{\"n\":1,\"x\":{\"y\":[1]}}} | true",
                "depth 5 | {\"action\":\"add\",\"data\":{\"n\":1,\"x\":{\"y\":[[1]]}}} | false",
                "string of 10 | {\"action\":\"add\",\"data\":{\"n\":1,\"s\":\"0123456789\"}} | true",
                "string of 11 | {\"action\":\"add\",\"data\":{\"n\":1,\"s\":\"0123456789a\"}} | false",
                "long number | {\"action\":\"add\",\"data\":{\"n\":1,\"m\":1"
                        + "0000000000000000000000000000000000000000000000000000000000000000000}} | false",
            })
    void jsonBoundsRefuseAMessageAndTheSessionGoesOn(String name, String frame, boolean ok)
            throws Exception {
        start(b -> b.inboundJson(4, 10));
        try (TestServer.WsClient ws = server.connect("/counter")) {
            ws.next();
            JsonNode reply = ws.call(frame);
            assertEquals(ok, reply.get("meta").get("success").asBoolean(), reply.toString());
            if (!ok) {
                assertEquals("{}", reply.get("tree").toString());
                assertTrue(
                        reply.get("meta").get("errors").get("_error").asText().contains("limits"));
            }
            assertEquals(
                    ok ? "2" : "1", ws.call(INCREMENT).get("tree").get("0").asText(), "goes on");
        }
        JsonNode post = TestServer.json(server.post("/counter", frame).body());
        assertEquals(ok, post.get("meta").get("success").asBoolean(), "the same over HTTP");
    }

    @Test
    void theDefaultDepthRefusesADeeplyNestedMessage() throws Exception {
        start(b -> b);
        String deep = "[".repeat(40) + "]".repeat(40);
        try (TestServer.WsClient ws = server.connect("/counter")) {
            ws.next();
            JsonNode reply = ws.call("{\"action\":\"add\",\"data\":{\"x\":" + deep + "}}");
            assertFalse(reply.get("meta").get("success").asBoolean());
            assertTrue(reply.get("meta").get("errors").get("_error").asText().contains("depth 32"));
        }
    }

    @Test
    void beyondMaxConnectionsUpgradesGet503() throws Exception {
        start(b -> b.maxConnections(2));
        try (TestServer.WsClient a = server.connect("/counter");
                TestServer.WsClient b = server.connect("/counter")) {
            a.next();
            b.next();
            assertEquals(503, server.refusedStatus("/counter"));
            assertEquals(1, handler.refusedConnections());
        }
        Await.until(() -> handler.openConnections() == 0, "both closed");
        try (TestServer.WsClient c = server.connect("/counter")) {
            assertTrue(c.nextJson().has("tree"), "room again once the others left");
        }
    }

    @Test
    void beyondMaxConnectionsPerGroupThatGroupGets503() throws Exception {
        start(b -> b.maxConnectionsPerGroup(1));
        String alice = server.session("/counter");
        String bob = server.session("/counter");
        try (TestServer.WsClient a = server.connect("/counter", "Cookie", alice);
                TestServer.WsClient b = server.connect("/counter", "Cookie", bob)) {
            a.next();
            b.next();
            assertEquals(503, server.refusedStatus("/counter", "Cookie", alice));
            assertEquals(1, handler.refusedConnections());
        }
    }
}
