package io.github.livetemplate.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.runtime.Context;
import io.github.livetemplate.runtime.generated.Actions;
import io.github.livetemplate.undertow.LiveHandler;
import io.github.livetemplate.undertow.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live reload on a real loopback Undertow, over a WebSocket: the watcher notices a template that
 * differs from what the running renderer was made from, swaps the renderer and sends the open
 * connection its full tree with the state kept; a broken template reaches the connection and the
 * page loads as a problem.
 */
class LiveReloadTest {
    /** A reload recompiles with javac: generous on a loaded machine, still bounded. */
    static final long RELOAD_SECONDS = 30;

    @TempDir Path root;

    /** {@code inc} adds one. */
    static final class TallyActions implements Actions<Tally> {
        @Override
        public Set<String> names() {
            return Set.of("inc");
        }

        @Override
        public Tally run(String name, Tally state, Context ctx) {
            return new Tally(state.count() + 1);
        }
    }

    private static LiveHandler.Builder<Tally> page() {
        return LiveHandler.builder(new TallyRenderer(), new TallyActions(), new Tally(0));
    }

    private void write(String text) throws Exception {
        Path f = root.resolve(RecompilerTest.TEMPLATE);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    /** The first message matching {@code wanted} within the reload bound; others are skipped. */
    private static JsonNode await(TestServer.WsClient ws, Predicate<JsonNode> wanted)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RELOAD_SECONDS);
        long nextPing = 0;
        while (System.nanoTime() < deadline) {
            if (ws.closed.isDone()) {
                fail("the socket closed: " + ws.closed.handle((c, e) -> c + " " + e).get());
            }
            // Dev mode's 1 s heartbeat makes the server close a socket silent for 3 s: ping
            // every 500 ms, as the client does every second.
            if (System.nanoTime() >= nextPing) {
                ws.send("{\"action\":\"__ping__\"}");
                nextPing = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            }
            String m = ws.messages.poll(500, TimeUnit.MILLISECONDS);
            if (m != null) {
                JsonNode j = TestServer.json(m);
                if (wanted.test(j)) {
                    return j;
                }
            }
        }
        fail("no such message within " + RELOAD_SECONDS + " s");
        return null;
    }

    @Test
    void aTemplateNewerThanTheRunningRendererIsReloadedIntoTheOpenPageWithItsState()
            throws Exception {
        // Given a template edited after the build (an IDE that did not run the refresh goal).
        write("<p>Edited: <b id=\"count\">{{.Count}}</b></p>\n");
        LiveHandler<Tally> handler = page().devMode(true).build();
        try (TestServer server = TestServer.with("/tally", handler);
                TestServer.WsClient ws = server.connect("/tally")) {
            assertTrue(ws.nextJson().get("tree").toString().contains("Count: "), "old renderer");
            ws.send("{\"action\":\"inc\",\"data\":{}}");
            assertEquals("1", ws.nextJson().get("tree").get("0").asText());

            try (LiveReload reload = LiveReload.start(root).watch(handler, Tally.class)) {
                JsonNode tree = await(ws, j -> j.has("tree") && j.toString().contains("Edited: "));
                assertTrue(tree.toString().contains("\"1\""), "the count is kept: " + tree);
                assertTrue(server.get("/tally").body().contains("<p>Edited: <b id=\"count\">0"));
                // A page watched after the reload starts with the reloaded renderer.
                LiveHandler<Tally> later = page().devMode(true).build();
                reload.watch(later, Tally.class);
                try (TestServer second = TestServer.with("/tally", later)) {
                    assertTrue(second.get("/tally").body().contains("<p>Edited: "));
                }

                // A broken template: the connection and page loads get the problem.
                write("<p>{{.Cuont}}</p>\n");
                JsonNode problem =
                        await(
                                ws,
                                j ->
                                        "lvt_dev".equals(j.path("code").asText())
                                                && j.path("topic").path("text").isTextual());
                String text = problem.get("topic").get("text").asText();
                assertTrue(text.contains(root.resolve(RecompilerTest.TEMPLATE) + ":1:"), text);
                String html = server.get("/tally").body();
                assertTrue(html.contains("data-lvt-dev-problem=\""), html);
                assertTrue(html.contains("/tally/_lvt/dev.js"), html);
                var script = server.get("/tally/_lvt/dev.js");
                assertEquals(200, script.statusCode());
                assertTrue(script.body().contains("lvt_dev"));

                // Fixed: cleared, and rendered with the fix.
                write("<p>Fixed {{.Count}}</p>\n");
                await(
                        ws,
                        j ->
                                "lvt_dev".equals(j.path("code").asText())
                                        && j.path("topic").path("text").isNull());
                assertTrue(await(ws, j -> j.has("tree")).toString().contains("Fixed "));
                assertFalse(server.get("/tally").body().contains("data-lvt-dev-problem"));
            }
        }
    }

    @Test
    void withoutDevModeThePageHasNoDevScriptAndCannotBeWatchedOrReloaded() throws Exception {
        LiveHandler<Tally> handler = page().build();
        try (TestServer server = TestServer.with("/tally", handler);
                LiveReload reload = LiveReload.start(root)) {
            assertFalse(server.get("/tally").body().contains("dev.js"));
            assertThrows(IllegalStateException.class, () -> reload.watch(handler, Tally.class));
            assertThrows(IllegalStateException.class, () -> handler.reload(null, "x"));
        }
    }
}
