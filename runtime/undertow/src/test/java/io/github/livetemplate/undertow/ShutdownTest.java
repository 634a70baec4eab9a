package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.undertow.testing.Await;
import io.github.livetemplate.undertow.testing.TestPage;
import io.github.livetemplate.undertow.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link LiveHandler#shutdown}: new page loads and upgrades get 503, the action in flight completes
 * and its reply arrives, later messages are refused with a failure, sockets close with 1001,
 * onDisconnect runs, all within the deadline.
 */
@Timeout(30)
class ShutdownTest {
    TestPage.Controller controller;
    LiveHandler<TestPage.Page> handler;
    TestServer server;

    @BeforeEach
    void start() {
        controller = new TestPage.Controller();
        handler =
                LiveHandler.builder(
                                new TestPage.Renderer(false), controller, TestPage.Page.initial())
                        .build();
        server = TestServer.with("/counter", handler);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theActionInFlightCompletesThenSocketsCloseWith1001() throws Exception {
        String cookie = server.session("/counter");
        TestServer.WsClient ws = server.connect("/counter", "Cookie", cookie);
        ws.next();
        assertEquals("1", ws.call("{\"action\":\"increment\"}").get("tree").get("0").asText());
        controller.block = new CountDownLatch(1);
        ws.send("{\"action\":\"block\"}");
        Thread.sleep(100); // the action is running

        CompletableFuture<Boolean> done =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return handler.shutdown(Duration.ofSeconds(10));
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        });
        Await.until(handler::isShuttingDown, "shutdown began");

        HttpResponse<String> page = server.get("/counter");
        assertEquals(503, page.statusCode(), "no new page loads");
        assertEquals("1", page.headers().firstValue("Retry-After").orElse(""));
        assertEquals(503, server.refusedStatus("/counter"), "no new upgrades");

        ws.send("{\"action\":\"increment\"}");
        // Until the server has read it (and queued its refusal behind the running action): a
        // message that arrives after the last queued action and the 1001 is never answered.
        Thread.sleep(100);
        controller.block.countDown();
        // The refusal is answered on arrival, so it may come before the in-flight action's reply.
        JsonNode first = ws.nextJson();
        JsonNode second = ws.nextJson();
        boolean blockFirst = first.get("meta").get("success").asBoolean();
        JsonNode blocked = blockFirst ? first : second;
        JsonNode refused = blockFirst ? second : first;
        assertTrue(blocked.get("meta").get("success").asBoolean(), "in-flight action completed");
        assertEquals("block", blocked.get("meta").get("action").asText());
        assertFalse(refused.get("meta").get("success").asBoolean());
        assertTrue(refused.get("meta").get("errors").get("_error").asText().contains("restarting"));

        assertEquals(1001, ws.closed.get(10, TimeUnit.SECONDS));
        assertTrue(done.get(10, TimeUnit.SECONDS), "finished within the deadline");
        assertEquals(
                cookie.substring(cookie.indexOf('=') + 1) + ":1", controller.disconnects.poll());
        assertEquals(0, handler.openConnections());
        ws.close();
    }

    @Test
    void aClientThatIgnoresTheCloseIsCutOffAtTheDeadline() throws Exception {
        try (java.net.Socket stalled =
                io.github.livetemplate.undertow.testing.RawWebSocket.stalled(port(), "/counter")) {
            Await.until(() -> handler.openConnections() == 1, "connected");
            long start = System.nanoTime();
            handler.shutdown(Duration.ofSeconds(2));
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(took < 4000, "stopped near its deadline: " + took + " ms");
            Await.until(() -> handler.openConnections() == 0, "cut off");
        }
    }

    private int port() {
        return Integer.parseInt(server.origin().substring(server.origin().lastIndexOf(':') + 1));
    }
}
