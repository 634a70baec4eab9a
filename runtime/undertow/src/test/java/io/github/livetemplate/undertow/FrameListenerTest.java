package io.github.livetemplate.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.runtime.FrameListener.Direction;
import io.github.livetemplate.runtime.FrameListener.Frame;
import io.github.livetemplate.runtime.FrameListener.Transport;
import io.github.livetemplate.undertow.testing.TestPage;
import io.github.livetemplate.undertow.testing.TestServer;
import io.undertow.Handlers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link LiveHandler.Builder#frameListener} and {@link LiveHandler#closeConnections()}. */
@Timeout(30)
class FrameListenerTest {
    final List<Frame> frames = new CopyOnWriteArrayList<>();
    TestPage.Controller controller;
    LiveHandler<TestPage.Page> counter;
    TestServer server;

    @BeforeEach
    void start() {
        controller = new TestPage.Controller();
        counter =
                LiveHandler.builder(
                                new TestPage.Renderer(false), controller, TestPage.Page.initial())
                        .frameListener(frames::add)
                        .build();
        server = new TestServer(Handlers.path().addPrefixPath("/counter", counter));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void webSocketFramesAreObservedInOrderAsSentAndReceived() throws Exception {
        String increment = "{\"action\":\"increment\",\"data\":{},\"submitter\":\"increment\"}";
        try (TestServer.WsClient ws = server.connect("/counter?start=1")) {
            String first = ws.next();
            String update = ws.call(increment).toString();
            ws.send("{\"action\":\"__ping__\"}");
            assertEquals("{\"pong\":true}", ws.next());
            assertEquals(
                    List.of(
                            new Frame(Transport.WEBSOCKET, Direction.SENT, "/counter", first),
                            new Frame(
                                    Transport.WEBSOCKET, Direction.RECEIVED, "/counter", increment),
                            new Frame(Transport.WEBSOCKET, Direction.SENT, "/counter", update),
                            new Frame(
                                    Transport.WEBSOCKET,
                                    Direction.RECEIVED,
                                    "/counter",
                                    "{\"action\":\"__ping__\"}"),
                            new Frame(
                                    Transport.WEBSOCKET,
                                    Direction.SENT,
                                    "/counter",
                                    "{\"pong\":true}")),
                    frames);
        }
    }

    @Test
    void httpBodiesAreObserved() throws Exception {
        String cookie = server.session("/counter");
        String body = "{\"action\":\"increment\",\"data\":{}}";
        HttpResponse<String> r = server.post("/counter", body, "Cookie", cookie);
        assertEquals(200, r.statusCode());
        HttpResponse<String> g =
                server.get("/counter", "Accept", "application/json", "Cookie", cookie);
        assertEquals(
                List.of(
                        new Frame(Transport.HTTP, Direction.RECEIVED, "/counter", body),
                        new Frame(Transport.HTTP, Direction.SENT, "/counter", r.body()),
                        new Frame(Transport.HTTP, Direction.SENT, "/counter", g.body())),
                frames);
    }

    @Test
    void aThrowingListenerDoesNotBreakThePage() throws Exception {
        LiveHandler<TestPage.Page> bad =
                LiveHandler.builder(
                                new TestPage.Renderer(false),
                                new TestPage.Controller(),
                                TestPage.Page.initial())
                        .frameListener(
                                f -> {
                                    throw new IllegalStateException("listener bug");
                                })
                        .build();
        try (TestServer s = new TestServer(Handlers.path().addPrefixPath("/bad", bad));
                TestServer.WsClient ws = s.connect("/bad")) {
            ws.next();
            assertEquals("1", ws.call("{\"action\":\"increment\"}").get("tree").get("0").asText());
        }
    }

    @Test
    void closeConnectionsClosesEverySocketWithGoingAway() throws Exception {
        try (TestServer.WsClient a = server.connect("/counter");
                TestServer.WsClient b = server.connect("/counter")) {
            a.next();
            b.next();
            assertEquals(2, counter.openConnections());
            assertEquals(2, counter.closeConnections());
            assertEquals(1001, a.closed.get(5, TimeUnit.SECONDS));
            assertEquals(1001, b.closed.get(5, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (counter.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, counter.openConnections());
            assertTrue(
                    controller.disconnects.poll(5, TimeUnit.SECONDS) != null, "onDisconnect ran");
            assertTrue(controller.disconnects.poll(5, TimeUnit.SECONDS) != null, "for both");
            assertEquals(0, counter.closeConnections(), "nothing left to close");
        }
    }
}
