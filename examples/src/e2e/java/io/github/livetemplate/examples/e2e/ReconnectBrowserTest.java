package io.github.livetemplate.examples.e2e;

import static io.github.livetemplate.examples.e2e.FrameLog.action;
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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;

/**
 * The server closes the socket ({@code LiveHandler.closeConnections()}): the client sends its next
 * action as an HTTP POST, then its heartbeat (2 s here) reconnects and the server pushes a full
 * tree.
 */
@ExtendWith(BrowserExtension.class)
@Timeout(60)
class ReconnectBrowserTest {
    final E2E e2e;

    ReconnectBrowserTest(E2E e2e) {
        this.e2e = e2e;
    }

    @BeforeEach
    void reset() {
        e2e.reset();
    }

    private void submit(String text) {
        WebElement input = e2e.find("input[name='text']");
        input.clear();
        input.sendKeys(text);
        e2e.find("button[name='add']").click();
    }

    @SuppressWarnings("unchecked")
    private List<String> rows() {
        return (List<String>)
                e2e.js(
                        "return Array.from(document.querySelectorAll("
                                + "'#todo-list li[data-key] .text')).map(e => e.textContent);");
    }

    private void waitRows(List<String> expected) {
        e2e.waitFor("rows " + expected + " (shown: " + rows() + ")", d -> expected.equals(rows()));
    }

    @Test
    void afterTheServerClosesTheSocketTheNextClickIsAPostThenTheClientReconnects() {
        e2e.open("/");
        submit("Before the close");
        waitRows(List.of("Before the close"));
        e2e.js(
                "window.__lvtDown = 0; document.querySelector('[data-lvt-id]')"
                        + ".addEventListener('lvt:disconnected', () => window.__lvtDown++);");

        // Close right after a heartbeat ping, so that the client's next heartbeat tick (which
        // reconnects) is about 2 s away and the click below happens while the socket is down.
        int pings = e2e.frames.pings("/");
        e2e.waitServer("a heartbeat ping", () -> e2e.frames.pings("/") > pings);
        int closeAt = e2e.frames.of("/").size();
        assertEquals(1, e2e.todos.closeConnections());
        e2e.waitFor(
                "the client to see the close",
                d -> ((Number) e2e.js("return window.__lvtDown")).intValue() > 0);
        assertFalse((Boolean) e2e.js("return window.liveTemplateClient.isReady()"));

        submit("While the socket is down");
        waitRows(List.of("Before the close", "While the socket is down"));

        List<Frame> after = e2e.frames.of("/").subList(closeAt, e2e.frames.of("/").size());
        List<Frame> posts =
                after.stream().filter(http(Direction.RECEIVED).and(action("add"))).toList();
        assertEquals(1, posts.size(), "the add arrived as a POST: " + after);
        assertEquals(
                "{\"action\":\"add\",\"data\":{\"text\":\"While the socket is down\"},"
                        + "\"submitter\":\"add\"}",
                FrameLog.withoutFormFields(posts.get(0).text()));
        JsonNode answer =
                json(after.stream().filter(http(Direction.SENT)).findFirst().orElseThrow());
        assertTrue(answer.get("tree").has("s"), "a POST is answered with the full tree");
        assertEquals("add", answer.get("meta").get("action").asText());

        // The heartbeat notices the dead socket and reconnects: HEAD, WebSocket, a full tree.
        e2e.waitServer("the client to reconnect", () -> e2e.todos.openConnections() == 1);
        e2e.waitReady();
        e2e.waitServer(
                "the first tree of the new connection",
                () -> e2e.frames.of("/").stream().skip(closeAt).anyMatch(ws(Direction.SENT)));
        Frame first =
                e2e.frames.of("/").stream()
                        .skip(closeAt)
                        .filter(ws(Direction.SENT))
                        .findFirst()
                        .orElseThrow();
        JsonNode tree = json(first);
        assertTrue(tree.get("tree").has("s"), "a reconnect starts with the full tree: " + tree);
        assertFalse(tree.get("meta").has("action"));
        assertTrue(first.text().contains("While the socket is down"), "from the repository");

        // And actions travel over the new socket again.
        submit("After the reconnect");
        waitRows(List.of("Before the close", "While the socket is down", "After the reconnect"));
        List<Frame> wsAdds =
                e2e.frames.of("/").stream()
                        .skip(closeAt)
                        .filter(ws(Direction.RECEIVED).and(action("add")))
                        .toList();
        assertEquals(1, wsAdds.size());
        assertTrue(wsAdds.get(0).text().contains("After the reconnect"));
        JsonNode update =
                json(
                        e2e.frames.of("/").stream()
                                .skip(closeAt)
                                .filter(ws(Direction.SENT).and(FrameLog.answer("add")))
                                .findFirst()
                                .orElseThrow());
        assertFalse(hasStatics(update.get("tree")), "a diff again: " + update);
    }
}
