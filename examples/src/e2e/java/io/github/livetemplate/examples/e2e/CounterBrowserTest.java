package io.github.livetemplate.examples.e2e;

import static io.github.livetemplate.examples.e2e.FrameLog.action;
import static io.github.livetemplate.examples.e2e.FrameLog.answer;
import static io.github.livetemplate.examples.e2e.FrameLog.hasStatics;
import static io.github.livetemplate.examples.e2e.FrameLog.http;
import static io.github.livetemplate.examples.e2e.FrameLog.json;
import static io.github.livetemplate.examples.e2e.FrameLog.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.runtime.FrameListener.Direction;
import io.github.livetemplate.runtime.FrameListener.Frame;
import io.github.livetemplate.runtime.FrameListener.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The counter example in headless Chromium, over WebSocket and in HTTP-only mode. */
@ExtendWith(BrowserExtension.class)
@Timeout(60)
class CounterBrowserTest {
    final E2E e2e;

    CounterBrowserTest(E2E e2e) {
        this.e2e = e2e;
    }

    @BeforeEach
    void reset() {
        e2e.reset();
    }

    private void click(String name) {
        e2e.find("button[name='" + name + "']").click();
    }

    @Test
    void plusTwiceAndMinusOnceOverTheWebSocket() {
        e2e.open("/counter");
        // Loading finished: the attribute is gone and the buttons are enabled again.
        assertEquals(
                Boolean.FALSE,
                e2e.js(
                        "return document.querySelector('[data-lvt-id]').hasAttribute('data-lvt-loading')"));
        assertTrue(e2e.find("button[name='increment']").isEnabled());
        e2e.waitText("#count", "0");

        click("increment");
        e2e.waitText("#count", "1");
        click("increment");
        e2e.waitText("#count", "2");
        click("decrement");
        e2e.waitText("#count", "1");

        e2e.waitServer(
                "three answers", () -> e2e.frames.count("/counter", ws(Direction.SENT)) == 4);
        List<Frame> frames = e2e.frames.of("/counter");
        assertTrue(
                frames.stream().allMatch(f -> f.transport() == Transport.WEBSOCKET), "all over WS");
        // The first frame, pushed unprompted: the full tree with statics and meta, no action.
        JsonNode first = json(frames.get(0));
        assertEquals(Direction.SENT, frames.get(0).direction());
        assertTrue(first.get("tree").has("s"), first.toString());
        assertTrue(first.get("meta").get("success").asBoolean());
        assertFalse(first.get("meta").has("action"));
        // What the buttons send (docs/protocol.md §4.2) …
        assertEquals(
                List.of(
                        "{\"action\":\"increment\",\"data\":{},\"submitter\":\"increment\"}",
                        "{\"action\":\"increment\",\"data\":{},\"submitter\":\"increment\"}",
                        "{\"action\":\"decrement\",\"data\":{},\"submitter\":\"decrement\"}"),
                e2e.frames.of("/counter", ws(Direction.RECEIVED)).stream()
                        .map(f -> FrameLog.withoutFormFields(f.text()))
                        .toList());
        // … and the answers: only the changed value, no statics, the action echoed.
        List<Frame> answers = e2e.frames.of("/counter", ws(Direction.SENT)).subList(1, 4);
        List<String> values = List.of("1", "2", "1");
        List<String> actions = List.of("increment", "increment", "decrement");
        for (int i = 0; i < 3; i++) {
            JsonNode a = json(answers.get(i));
            assertFalse(hasStatics(a.get("tree")), "an update carries no statics: " + a);
            assertEquals(1, a.get("tree").size(), a.toString());
            assertEquals(values.get(i), a.get("tree").elements().next().asText(), a.toString());
            assertEquals(actions.get(i), a.get("meta").get("action").asText());
            assertTrue(a.get("meta").get("success").asBoolean());
        }
    }

    @Test
    void httpOnlyModeStillCountsThroughPosts() throws Exception {
        HttpResponse<Void> head =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(e2e.base + "/http-counter"))
                                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
        assertEquals(
                "disabled", head.headers().firstValue("X-LiveTemplate-WebSocket").orElse(null));

        e2e.open("/http-counter");
        e2e.waitText("#count", "0");
        click("increment");
        e2e.waitText("#count", "1");
        click("increment");
        e2e.waitText("#count", "2");
        click("decrement");
        e2e.waitText("#count", "1");

        assertEquals(0, e2e.httpCounter.openConnections());
        List<Frame> frames = e2e.frames.of("/http-counter");
        assertTrue(
                frames.stream().allMatch(f -> f.transport() == Transport.HTTP),
                "no WebSocket frame at all: " + frames);
        assertEquals(
                2,
                e2e.frames.count(
                        "/http-counter", http(Direction.RECEIVED).and(action("increment"))));
        assertEquals(
                1,
                e2e.frames.count(
                        "/http-counter", http(Direction.RECEIVED).and(action("decrement"))));
        // Every HTTP answer is a full tree (the client may hold any baseline).
        List<Frame> answers = e2e.frames.of("/http-counter", answer("decrement"));
        assertEquals(1, answers.size());
        assertTrue(json(answers.get(0)).get("tree").has("s"));
    }
}
