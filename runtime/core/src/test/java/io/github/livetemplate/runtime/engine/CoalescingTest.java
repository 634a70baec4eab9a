package io.github.livetemplate.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.livetemplate.runtime.Utf8Buffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pushes to a connection whose client is behind (its socket backlogged) are coalesced: the state
 * moves on, nothing is sent, and once the backlog drains one diff brings the client from the tree
 * it was last sent to the current one (docs/runtime.md §19). Replies are never coalesced away and
 * always follow the catch-up diff.
 */
class CoalescingTest {
    private final EngineFixture page = new EngineFixture();

    /**
     * The client's view: the page's tree as a client builds it, the first full tree with every
     * later diff's slots put over it (the counter page's trees are flat).
     */
    private static final class View {
        final ObjectNode tree;

        View(EngineFixture.Client c) {
            List<String> frames = c.frames();
            assertEquals(1, frames.size(), "the first, full tree");
            tree = (ObjectNode) EngineFixture.parse(frames.get(0)).get("tree");
        }

        void apply(JsonNode frame) {
            frame.get("tree").fields().forEachRemaining(e -> tree.set(e.getKey(), e.getValue()));
        }

        /** Whether the view equals the full tree of {@code state}. */
        boolean shows(CounterPage.Counter state, CounterPage.Renderer renderer) {
            Utf8Buffer out = Utf8Buffer.borrow(256);
            renderer.writeTree(state, out);
            JsonNode want = EngineFixture.parse(out.toByteArray());
            out.release();
            return want.equals(tree);
        }
    }

    @Test
    void coalescedPushesReachTheClientAsOneCatchUpDiffOnceTheBacklogDrains() {
        // given a connected client whose socket backs up
        EngineFixture.Client c = page.connect("g");
        View view = new View(c);
        c.socket.backlog(true);

        // when three triggers and a publish reach it
        for (int i = 0; i < 3; i++) {
            assertEquals(1, page.hub.session("g").trigger("increment", Map.of()));
        }
        assertEquals(1, page.hub.session("g").trigger("note", Map.of("text", "hello")));

        // then the actions ran (the state is exact) but nothing was rendered or sent
        assertEquals(3, c.connection.state().count());
        assertEquals("hello", c.connection.state().note());
        assertTrue(c.frames().isEmpty());

        // and once the backlog drains, one diff brings the client's tree to the current state
        c.socket.backlog(false);
        List<String> frames = c.frames();
        assertEquals(1, frames.size(), frames.toString());
        JsonNode diff = EngineFixture.parse(frames.get(0));
        assertEquals("{\"0\":\"3\",\"1\":\"hello\"}", diff.get("tree").toString());
        view.apply(diff);
        assertTrue(view.shows(c.connection.state(), page.renderer), view.tree.toString());

        // and later pushes are sent one by one again
        page.hub.session("g").trigger("increment", Map.of());
        JsonNode next = c.reply();
        assertEquals("{\"0\":\"4\"}", next.get("tree").toString());
        view.apply(next);
        assertTrue(view.shows(c.connection.state(), page.renderer));
    }

    @Test
    void aReplyToTheClientFollowsTheCatchUpDiffEvenWhileBackedUp() {
        // given a backed-up client two pushes behind
        EngineFixture.Client c = page.connect("g");
        View view = new View(c);
        c.socket.backlog(true);
        page.hub.session("g").trigger("increment", Map.of());
        page.hub.session("g").trigger("increment", Map.of());
        assertTrue(c.frames().isEmpty());

        // when the client sends an action of its own
        c.act("increment");

        // then it gets the catch-up diff, then its answer made from the newer state
        List<String> frames = c.frames();
        assertEquals(2, frames.size(), frames.toString());
        JsonNode caughtUp = EngineFixture.parse(frames.get(0));
        JsonNode reply = EngineFixture.parse(frames.get(1));
        assertEquals("{\"0\":\"2\"}", caughtUp.get("tree").toString());
        assertFalse(caughtUp.get("meta").has("action"));
        assertEquals("{\"0\":\"3\"}", reply.get("tree").toString());
        assertEquals("increment", reply.get("meta").get("action").asText());
        view.apply(caughtUp);
        view.apply(reply);
        assertTrue(view.shows(c.connection.state(), page.renderer));

        // and draining later sends nothing more: the client is up to date
        c.socket.backlog(false);
        assertTrue(c.frames().isEmpty());
    }

    @Test
    void aFailedPushIsNotCoalescedAwayAndFollowsTheCatchUpDiff() {
        // given a backed-up client one push behind
        EngineFixture.Client c = page.connect("g");
        View view = new View(c);
        c.socket.backlog(true);
        page.hub.session("g").trigger("increment", Map.of());

        // when a pushed action fails
        page.hub.session("g").trigger("boom", Map.of());

        // then the client gets the catch-up diff, then the failure; the state stays as it was
        List<String> frames = c.frames();
        assertEquals(2, frames.size(), frames.toString());
        JsonNode caughtUp = EngineFixture.parse(frames.get(0));
        assertEquals("{\"0\":\"1\"}", caughtUp.get("tree").toString());
        assertFalse(EngineFixture.parse(frames.get(1)).get("meta").get("success").asBoolean());
        view.apply(caughtUp);
        assertTrue(view.shows(c.connection.state(), page.renderer));
        c.socket.backlog(false);
        assertTrue(c.frames().isEmpty());
    }

    @Test
    void aCatchUpThatCannotBeRenderedClosesTheSocket() {
        // given a backed-up client whose coalesced push made a state the template cannot render
        EngineFixture.Client c = page.connect("g");
        c.frames();
        c.socket.backlog(true);
        page.hub.session("g").trigger("note", Map.of("text", CounterPage.UNRENDERABLE));
        assertTrue(c.frames().isEmpty());

        // when the backlog drains
        c.socket.backlog(false);

        // then the client cannot be brought up to date: the socket closes as a server failure
        assertTrue(c.socket.closed());
        assertEquals(1011, c.socket.closeCode());
    }
}
