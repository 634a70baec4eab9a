package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.undertow.testing.TestPage;
import io.github.livetemplate.undertow.testing.TestServer;
import io.undertow.Handlers;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The WebSocket message limit with its default (64 KiB), at every size: a text message is refused
 * with 1009 as soon as its bytes (all fragments together) pass the limit, is never dispatched, and
 * is not buffered while it streams in.
 */
@Timeout(60)
class WebSocketMessageLimitTest {
    static final int LIMIT = 64 * 1024;
    static final String PREFIX = "{\"action\":\"increment\",\"data\":{\"pad\":\"";
    static final String SUFFIX = "\"}}";

    TestPage.Controller controller;
    TestServer server;

    @BeforeEach
    void start() {
        controller = new TestPage.Controller();
        // No maxMessageBytes: the default is under test.
        LiveHandler<TestPage.Page> counter =
                LiveHandler.builder(
                                new TestPage.Renderer(false), controller, TestPage.Page.initial())
                        .build();
        server = new TestServer(Handlers.path().addPrefixPath("/counter", counter));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** An increment action of exactly {@code bytes} UTF-8 bytes, padded with {@code pad}. */
    static String action(int bytes, char pad) {
        int padBytes = String.valueOf(pad).getBytes(StandardCharsets.UTF_8).length;
        int room = bytes - PREFIX.length() - SUFFIX.length();
        StringBuilder sb = new StringBuilder(bytes).append(PREFIX);
        sb.append(String.valueOf(pad).repeat(room / padBytes)).append("a".repeat(room % padBytes));
        String s = sb.append(SUFFIX).toString();
        assertEquals(bytes, s.getBytes(StandardCharsets.UTF_8).length);
        return s;
    }

    /** Waits (bounded) for a send that may fail because the server dropped the connection. */
    static void settle(CompletableFuture<WebSocket> send) throws InterruptedException {
        try {
            send.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the server closed the connection under the sender: expected
        }
    }

    void assertRefused(TestServer.WsClient ws, int runsBefore) throws Exception {
        assertEquals(1009, ws.closed.get(10, TimeUnit.SECONDS), "closed as too big");
        ws.socket.abort();
        assertNull(ws.messages.poll(100, TimeUnit.MILLISECONDS), "no answer to a refused message");
        assertEquals(runsBefore, controller.runs.get(), "a refused message is never dispatched");
        assertHealthy();
    }

    void assertHealthy() throws Exception {
        try (TestServer.WsClient other = server.connect("/counter")) {
            other.next();
            assertEquals(
                    "1", other.call("{\"action\":\"increment\"}").get("tree").get("0").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {LIMIT + 1, 73_000, 1 << 20, 16 << 20})
    void aFrameOverTheDefaultLimitIsRefusedWith1009(int size) throws Exception {
        TestServer.WsClient ws = server.connect("/counter");
        ws.next();
        int runs = controller.runs.get();
        CompletableFuture<WebSocket> send = ws.socket.sendText(action(size, 'a'), true);
        assertRefused(ws, runs);
        settle(send);
    }

    @Test
    void aFrameExactlyAtTheLimitIsAnAction() throws Exception {
        try (TestServer.WsClient ws = server.connect("/counter")) {
            ws.next();
            assertEquals("1", ws.call(action(LIMIT, 'a')).get("tree").get("0").asText());
            // Bytes count, not characters: two-byte characters up to the limit pass...
            assertEquals("2", ws.call(action(LIMIT, 'é')).get("tree").get("0").asText());
        }
        // ...and one byte more is refused although it has far fewer characters than the limit.
        TestServer.WsClient ws = server.connect("/counter");
        ws.next();
        int runs = controller.runs.get();
        String over = action(LIMIT + 1, 'é');
        assertTrue(over.length() < LIMIT);
        CompletableFuture<WebSocket> send = ws.socket.sendText(over, true);
        assertRefused(ws, runs);
        settle(send);
    }

    @Test
    void fragmentsCountTogether() throws Exception {
        String whole = action(LIMIT, 'a');
        int third = LIMIT / 3;
        try (TestServer.WsClient ws = server.connect("/counter")) {
            ws.next();
            ws.socket.sendText(whole.substring(0, third), false).get(5, TimeUnit.SECONDS);
            ws.socket.sendText(whole.substring(third, 2 * third), false).get(5, TimeUnit.SECONDS);
            ws.send(whole.substring(2 * third));
            assertEquals(
                    "1", ws.nextJson().get("tree").get("0").asText(), "at the limit in 3 parts");
        }
        // Each fragment is well under the limit; together they are over it.
        TestServer.WsClient ws = server.connect("/counter");
        ws.next();
        int runs = controller.runs.get();
        String big = action(2 * LIMIT, 'a');
        CompletableFuture<WebSocket> send =
                ws.socket
                        .sendText(big.substring(0, LIMIT / 2), false)
                        .thenCompose(w -> w.sendText(big.substring(LIMIT / 2, LIMIT), false))
                        .thenCompose(w -> w.sendText(big.substring(LIMIT, 3 * LIMIT / 2), false))
                        .thenCompose(w -> w.sendText(big.substring(3 * LIMIT / 2), true));
        assertRefused(ws, runs);
        settle(send);
    }

    /** Live heap after a full collection. */
    static long usedHeap(MemoryMXBean memory) {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Test
    void a64MbMessageIsDroppedWithoutBuffering() throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Listener listener =
                new WebSocket.Listener() {
                    @Override
                    public void onOpen(WebSocket webSocket) {
                        webSocket.request(Long.MAX_VALUE);
                    }

                    @Override
                    public CompletionStage<?> onClose(
                            WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        // Never answer the close: keep streaming, as a hostile client would.
                        return new CompletableFuture<Void>();
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.completeExceptionally(error);
                    }
                };
        WebSocket socket =
                server.http
                        .newWebSocketBuilder()
                        .connectTimeout(TestServer.TIMEOUT)
                        .buildAsync(server.ws("/counter"), listener)
                        .get(5, TimeUnit.SECONDS);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedHeap(memory);
        String chunk = "a".repeat(64 * 1024);
        int chunks = 1024; // 64 MiB
        long sent = 0;
        long peak = 0;
        try {
            socket.sendText(PREFIX, false).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < chunks; i++) {
                socket.sendText(chunk, false).get(10, TimeUnit.SECONDS);
                sent += chunk.length();
                if (i % 128 == 127) {
                    peak = Math.max(peak, usedHeap(memory) - before);
                }
            }
            socket.sendText(SUFFIX, true).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // the server dropped the connection under the sender
        } finally {
            peak = Math.max(peak, usedHeap(memory) - before);
            socket.abort();
        }
        System.out.printf(
                "64 MiB message: %d MiB sent before the server dropped the connection,"
                        + " live heap growth at most %.1f MiB%n",
                sent >> 20, peak / 1048576.0);
        assertTrue(peak < 16L << 20, "the heap grew by " + (peak >> 20) + " MiB");
        assertEquals(1009, closed.get(10, TimeUnit.SECONDS));
        assertEquals(0, controller.runs.get(), "never dispatched");
        assertHealthy();
    }
}
