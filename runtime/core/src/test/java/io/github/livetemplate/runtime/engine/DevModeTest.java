package io.github.livetemplate.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.livetemplate.runtime.LiveRenderer;
import io.github.livetemplate.runtime.Utf8Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dev mode's engine hooks: renderer reload with full trees, problems, detailed action errors. */
class DevModeTest {

    /** The counter page with other statics: what a reloaded template renders. */
    static final class Reworded implements LiveRenderer<CounterPage.Counter> {
        @Override
        public String defaultWrapperId() {
            return "lvt-reworded";
        }

        @Override
        public void writeHtml(
                CounterPage.Counter state, String wrapperId, boolean loading, Utf8Buffer out) {
            out.writeAscii(
                    "<div data-lvt-id=\"" + wrapperId + "\"><h1>" + state.count() + "</h1></div>");
        }

        @Override
        public void writeTree(CounterPage.Counter state, Utf8Buffer out) {
            out.writeAscii("{\"s\":[\"<h1>\",\"</h1>\"],\"0\":");
            out.writeJsonString(Integer.toString(state.count()));
            out.writeByte('}');
        }

        @Override
        public boolean writeDiff(
                CounterPage.Counter previous, CounterPage.Counter next, Utf8Buffer out) {
            boolean changed = previous.count() != next.count();
            out.writeAscii(changed ? "{\"0\":\"" + next.count() + "\"}" : "{}");
            return changed;
        }
    }

    @Test
    void aReloadSendsEveryOpenConnectionTheFullTreeOfItsOwnStateWithTheNewRenderer() {
        EngineFixture f = new EngineFixture();
        f.engine.devMode(true);
        EngineFixture.Client a = f.connect("a");
        EngineFixture.Client b = f.connect("b");
        a.frames();
        b.frames();
        a.act("increment");
        a.act("increment");
        a.frames();

        int sent = f.engine.reload(new Reworded(), null);

        assertEquals(2, sent);
        for (var c : List.of(a, b)) {
            List<String> frames = c.frames();
            assertEquals(2, frames.size(), frames.toString());
            JsonNode clear = EngineFixture.parse(frames.get(0));
            assertEquals("lvt_dev", clear.get("code").asText());
            assertTrue(clear.get("topic").get("text").isNull(), "no problem: the overlay goes");
            JsonNode update = EngineFixture.parse(frames.get(1));
            assertEquals("<h1>", update.get("tree").get("s").get(0).asText());
            assertTrue(update.get("meta").get("success").asBoolean());
            assertFalse(update.get("meta").has("action"));
        }
        // State kept: a's count is still 2, and the next action diffs with the new renderer.
        a.act("increment");
        assertEquals(3, a.connection.state().count());
        assertEquals("3", a.reply().get("tree").get("0").asText());
    }

    @Test
    void aProblemReachesOpenPagesAndEveryNewConnectionUntilAReloadClearsIt() {
        EngineFixture f = new EngineFixture();
        f.engine.devMode(true);
        EngineFixture.Client a = f.connect("a");
        a.frames();

        f.engine.reload(null, "t.tmpl:2:5: unknown field Cuont");

        List<String> frames = a.frames();
        JsonNode problem = EngineFixture.parse(frames.get(0));
        assertEquals("template", problem.get("topic").get("kind").asText());
        assertEquals("t.tmpl:2:5: unknown field Cuont", problem.get("topic").get("text").asText());
        assertEquals(
                "<p>", EngineFixture.parse(frames.get(1)).get("tree").get("s").get(0).asText());
        // A page (re)connecting while broken is told after its first tree.
        List<String> late = f.connect("b").frames();
        assertEquals(2, late.size(), late.toString());
        assertTrue(late.get(1).contains("unknown field Cuont"), late.get(1));

        f.engine.reload(new Reworded(), null);
        assertTrue(EngineFixture.parse(a.frames().get(0)).get("topic").get("text").isNull());
    }

    @Test
    void inDevModeAThrowingActionShowsItsExceptionAndName() {
        EngineFixture f = new EngineFixture();
        f.engine.devMode(true);
        EngineFixture.Client a = f.connect("a");
        a.frames();

        a.act("boom");

        List<String> frames = a.frames();
        assertEquals(2, frames.size(), frames.toString());
        JsonNode dev = EngineFixture.parse(frames.get(0)).get("topic");
        assertEquals("action", dev.get("kind").asText());
        assertEquals("boom", dev.get("action").asText());
        String text = dev.get("text").asText();
        assertTrue(text.contains("java.lang.RuntimeException: secret internal detail"), text);
        assertTrue(text.contains("at io.github.livetemplate.runtime.engine.CounterPage"), text);
        JsonNode failure = EngineFixture.parse(frames.get(1));
        assertFalse(failure.get("meta").get("success").asBoolean());
        assertTrue(failure.get("meta").get("errors").get("_error").asText().contains("secret"));
    }

    @Test
    void inDevModeARenderFailureShowsTheExceptionWithTheRenderersFrames() {
        EngineFixture f = new EngineFixture();
        f.engine.devMode(true);
        EngineFixture.Client a = f.connect("a");
        a.frames();

        a.act("note", java.util.Map.of("text", CounterPage.UNRENDERABLE));

        List<String> frames = a.frames();
        assertEquals(2, frames.size(), frames.toString());
        JsonNode dev = EngineFixture.parse(frames.get(0)).get("topic");
        assertEquals("note", dev.get("action").asText());
        String text = dev.get("text").asText();
        assertTrue(text.startsWith("action \"note\" failed (render error): "), text);
        assertTrue(text.contains("cannot render this note"), text);
        assertTrue(text.contains("CounterPage.slots"), "the renderer's frames: " + text);
        assertEquals(0, a.connection.state().count(), "the state stays as it was");
    }

    @Test
    void inProductionAThrowingActionGetsTheGenericMessageOnlyAndReloadIsRefused() {
        EngineFixture f = new EngineFixture();
        EngineFixture.Client a = f.connect("a");
        a.frames();

        a.act("boom");

        JsonNode failure = a.reply();
        assertEquals(
                "action \"boom\" failed (internal error)",
                failure.get("meta").get("errors").get("_error").asText());
        assertFalse(failure.toString().contains("secret"));
        assertThrows(IllegalStateException.class, () -> f.engine.reload(new Reworded(), null));
    }

    @Test
    void aReconnectAfterARestartGetsItsStateBackAndOtherConnectionsMount(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path file = dir.resolve("states.json");
        // Given a dev-mode server whose tab of group g counted to 2, and one still open at exit.
        EngineFixture before = new EngineFixture();
        before.engine.devMode(true);
        DevStates saved = new DevStates(file);
        before.engine.devStates(saved);
        EngineFixture.Client g = before.connect("g");
        g.act("increment");
        g.act("increment");
        g.close();
        EngineFixture.Client loaded = before.connect("loaded");
        loaded.act("increment");
        loaded.close();
        EngineFixture.Client open = before.connect("open");
        open.act("increment");
        saved.save();

        // When a new server (a new engine on the same file) is reconnected to.
        EngineFixture after = new EngineFixture();
        after.engine.devMode(true);
        after.engine.devStates(new DevStates(file));
        after.httpStates.notePageLoad("loaded", EngineFixture.PATH);

        assertEquals(2, after.connect("g").connection.state().count(), "reconnect: restored");
        assertEquals(1, after.connect("open").connection.state().count(), "open at exit: too");
        assertEquals(0, after.connect("g").connection.state().count(), "each state once");
        assertEquals(0, after.connect("loaded").connection.state().count(), "a page load mounts");
    }

    @Test
    void withoutDevModeNothingIsSavedOrRestored() {
        EngineFixture f = new EngineFixture();
        assertEquals(null, f.engine.devStates());
        EngineFixture.Client c = f.connect("g");
        c.act("increment");
        c.close();
        assertEquals(0, f.connect("g").connection.state().count());
    }
}
