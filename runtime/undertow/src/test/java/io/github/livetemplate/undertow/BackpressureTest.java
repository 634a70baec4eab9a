package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.runtime.testing.LogCapture;
import io.github.livetemplate.undertow.testing.Await;
import io.github.livetemplate.undertow.testing.PushReceiver;
import io.github.livetemplate.undertow.testing.RawWebSocket;
import io.github.livetemplate.undertow.testing.SmallBufferServer;
import io.undertow.Undertow;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clients that never read do not grow the heap and do not hold up the others: each connection's
 * outbound queue is bounded; a client that fills it is closed (1008 "client too slow"), counted and
 * logged (rate-limited); the frames that did not fit are dropped and counted; the normal client
 * receives every push (pushes to a client that fell behind are coalesced into one later diff).
 *
 * <p>Latency is not measured here: {@code StalledClientsBenchmark} (benchmarks/) measures the
 * normal client's p99 with and without 200 stalled clients (docs/runtime.md §19).
 */
@Timeout(120)
class BackpressureTest {
    static final int STALLED = 20;
    static final int PUSHES = 300;

    /** Each push carries this much text, so that a stalled client's buffers fill quickly. */
    static final int PAYLOAD = 2000;

    @Test
    void stalledClientsAreClosedAndTheNormalClientGetsEveryPush() throws Exception {
        run(0);
        run(STALLED);
    }

    @Test
    void aClientThatPausesGetsOneCatchUpDiffForThePushesItFellBehindOn() throws Exception {
        // given a client that has stopped reading (small socket buffers back it up after a few
        // frames)
        LiveHandler<ServerPushTest.Chat> handler =
                LiveHandler.builder(
                                new ServerPushTest.Renderer(),
                                new Feed(),
                                new ServerPushTest.Chat(0, "start"))
                        .openTopics()
                        .outboundQueue(100, 2L << 20)
                        .build();
        Undertow undertow = SmallBufferServer.start("/feed", handler);
        int port = SmallBufferServer.port(undertow);
        try (Socket paused = RawWebSocket.stalled(port, "/feed?topic=news")) {
            Await.until(() -> handler.subscribers("news") == 1, "subscribed");

            // when 100 pushes of 2 kB reach it at once (far more than its buffers hold)
            int pushes = 100;
            String pad = "x".repeat(PAYLOAD);
            for (int k = 1; k <= pushes; k++) {
                handler.publish("news", "show", Map.of("text", k + ";" + pad));
            }

            // then, once it reads again, its frames come in order and end at the last push, and
            // fewer frames than pushes reached it: the ones it fell behind on came as one diff
            InputStream in = paused.getInputStream();
            String first = readText(in);
            assertTrue(first.contains("\"s\""), "the first, full tree");
            int frames = 0;
            int shown = 0;
            while (shown < pushes) {
                String text = readText(in);
                int at = text.indexOf("\"1\":\"") + 5;
                int k = Integer.parseInt(text.substring(at, text.indexOf(';', at)));
                assertTrue(k > shown, "frames in order: " + k + " after " + shown);
                shown = k;
                frames++;
            }
            assertTrue(frames < pushes, frames + " frames for " + pushes + " pushes");
            assertEquals(0, handler.slowClientCloses(), "a client that reads again stays open");
        } finally {
            undertow.stop();
        }
    }

    /** Reads one unmasked text frame (as a server sends them) from a raw WebSocket. */
    private static String readText(InputStream in) throws IOException {
        int b0 = in.read();
        int b1 = in.read();
        if (b0 < 0 || b1 < 0) {
            throw new IOException("connection closed");
        }
        assertEquals(0x81, b0, "one final text frame");
        long len = RawWebSocket.payloadLength(b1, in);
        return new String(in.readNBytes((int) len), StandardCharsets.UTF_8);
    }

    /**
     * Given {@code stalled} clients that never read and one that does, when pushes go on until
     * every stalled client is closed, then the normal client has every push, in order, and the
     * stalled ones were closed as too slow with their frames dropped.
     */
    private void run(int stalled) throws Exception {
        LiveHandler<ServerPushTest.Chat> handler =
                LiveHandler.builder(
                                new ServerPushTest.Renderer(),
                                new Feed(),
                                new ServerPushTest.Chat(0, "start"))
                        .openTopics()
                        .outboundQueue(100, 2L << 20)
                        .build();
        Undertow undertow = SmallBufferServer.start("/feed", handler);
        int port = SmallBufferServer.port(undertow);
        List<Socket> stuck = new ArrayList<>();
        try (LogCapture log = new LogCapture("io.github.livetemplate", Level.WARNING)) {
            for (int i = 0; i < stalled; i++) {
                stuck.add(RawWebSocket.stalled(port, "/feed?topic=news"));
            }
            Await.until(() -> handler.subscribers("news") == stalled, "stalled clients subscribed");

            PushReceiver normal = new PushReceiver(PUSHES * 20, "1");
            WebSocket ws =
                    HttpClient.newHttpClient()
                            .newWebSocketBuilder()
                            .buildAsync(
                                    URI.create("ws://127.0.0.1:" + port + "/feed?topic=news"),
                                    normal)
                            .get(5, TimeUnit.SECONDS);
            Await.until(
                    () -> handler.subscribers("news") == stalled + 1, "normal client subscribed");

            String pad = "x".repeat(PAYLOAD);
            // Until every stalled client is closed (it is once nothing reached it for a second).
            int sent = 0;
            while (sent < PUSHES || (handler.slowClientCloses() < stalled && sent < PUSHES * 20)) {
                sent++;
                handler.publish("news", "show", Map.of("text", sent + ";" + pad));
                Thread.sleep(2);
            }
            long last = sent;
            Await.until(() -> normal.lastShown() == last, "normal client shows the last push");
            // Every push reached the client, alone or coalesced with later ones into one frame.
            assertTrue(normal.inOrder(), "each frame shows a later push than the one before");
            assertTrue(normal.received() <= sent, "no more frames than pushes");
            ws.abort();

            if (stalled > 0) {
                Await.until(
                        () -> handler.slowClientCloses() == stalled,
                        "every stalled client closed as too slow");
                assertTrue(handler.droppedMessages() >= stalled, "the frames that did not fit");
                Await.until(() -> handler.openConnections() == 0, "stalled connections torn down");
                System.gc();
                long heap =
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
                System.out.printf(
                        "backpressure: %d stalled clients closed, %d frames dropped, heap after"
                                + " GC %d MiB%n",
                        handler.slowClientCloses(), handler.droppedMessages(), heap);
                // One line for all of them: the others are counted (a line each, written on the
                // fan-out threads, held up every other client's pushes).
                assertEquals(1, log.at(Level.WARNING, "too slow").size(), "too-slow lines");
                assertTrue(heap < 256, "the stalled clients' frames were freed: " + heap + " MiB");
            } else {
                assertEquals(0, handler.slowClientCloses());
            }
        } finally {
            for (Socket s : stuck) {
                s.close();
            }
            undertow.stop();
        }
    }

    /** Mount subscribes to the {@code topic} query parameter; {@code show} shows its text. */
    static final class Feed implements Actions<ServerPushTest.Chat> {
        @Override
        public Set<String> names() {
            return Set.of("show");
        }

        @Override
        public ServerPushTest.Chat mount(ServerPushTest.Chat state, Context ctx) {
            ctx.subscribe(ctx.query().get("topic"));
            return state;
        }

        @Override
        public ServerPushTest.Chat run(String name, ServerPushTest.Chat s, Context ctx)
                throws Exception {
            if (!name.equals("show")) {
                throw new UnknownActionException(name);
            }
            return new ServerPushTest.Chat(s.count(), ctx.getString("text"));
        }
    }
}
