package io.github.livetemplate.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.livetemplate.dev.internal.GeneratedClassLoader;
import io.github.livetemplate.dev.internal.Inputs;
import io.github.livetemplate.dev.internal.Recompiler;
import io.github.livetemplate.runtime.LiveRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process recompilation of a record's renderer from an edited template. */
class RecompilerTest {
    static final String TEMPLATE = "io/github/livetemplate/dev/tally.tmpl";

    @TempDir Path root;
    @TempDir Path work;

    private void write(String text) throws Exception {
        Path f = root.resolve(TEMPLATE);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    @SuppressWarnings("unchecked")
    private LiveRenderer<Tally> load(Recompiler.Result r) throws Exception {
        ClassLoader loader = new GeneratedClassLoader(r.classes(), Tally.class.getClassLoader());
        Class<?> c = Class.forName(TallyRenderer.class.getName(), true, loader);
        assertNotSame(TallyRenderer.class, c, "the renderer comes from the new loader");
        return (LiveRenderer<Tally>) c.getDeclaredConstructor().newInstance();
    }

    @Test
    void anEditedTemplateGivesARendererOfTheNewTextForTheAppsOwnRecord() throws Exception {
        write("<p>Total: <i id=\"count\">{{.Count}}</i>!</p>\n");

        Recompiler.Result r = new Recompiler(root, work).compile(Tally.class);

        assertTrue(r.ok(), r.errors());
        LiveRenderer<Tally> renderer = load(r);
        String html = renderer.html(new Tally(7));
        assertTrue(html.contains("<p>Total: <i id=\"count\">7</i>!</p>"), html);
        assertTrue(renderer.tree(new Tally(7)).contains("Total: "), "the tree has the new statics");
        // The record is the application's class: the new renderer takes its instances.
        ClassLoader loader = renderer.getClass().getClassLoader();
        assertSame(Tally.class, Class.forName(Tally.class.getName(), false, loader));
        // The processor recorded what it read, hash included.
        Map<String, String> inputs = Inputs.ofDirectory(r.classes(), Tally.class);
        assertEquals(
                Map.of(TEMPLATE, Inputs.sha256(root.resolve(TEMPLATE))), inputs, "recorded inputs");
    }

    @Test
    void aTemplateErrorIsTheProcessorsMessageWithFileLineColumnAndCaret() throws Exception {
        write("<p>\n  {{.Cuont}}\n</p>\n");

        Recompiler.Result r = new Recompiler(root, work).compile(Tally.class);

        assertFalse(r.ok());
        String e = r.errors();
        assertTrue(e.contains(root.resolve(TEMPLATE) + ":2:"), e);
        assertTrue(e.contains("Cuont"), e);
        assertTrue(e.contains("{{.Cuont}}") && e.contains("^"), "the line and a caret: " + e);
    }

    @Test
    void oneRecompilerFollowsSuccessiveEditsErrorsAndFixes() throws Exception {
        Recompiler compiler = new Recompiler(root, work);
        try {
            String[] texts = {
                "<b>{{.Count}} one</b>", "<b>{{.Nope}}</b>", "<b>{{.Count}} three</b>"
            };
            for (int i = 0; i < texts.length; i++) {
                write(texts[i]);
                long start = System.nanoTime();
                Recompiler.Result r = compiler.compile(Tally.class);
                System.out.println(
                        "recompile " + i + ": " + (System.nanoTime() - start) / 1_000_000 + " ms");
                if (i == 1) {
                    assertFalse(r.ok());
                    assertTrue(r.errors().contains("Nope"), r.errors());
                } else {
                    assertTrue(r.ok(), r.errors());
                    String html = load(r).html(new Tally(i));
                    assertTrue(html.contains(texts[i].replace("{{.Count}}", "" + i)), html);
                }
            }
        } finally {
            compiler.closeFiles();
        }
    }

    @Test
    void theRecordedInputsOfTheRunningRendererAreFound() {
        Map<String, String> inputs = Inputs.ofRecord(Tally.class);
        assertEquals(java.util.Set.of(TEMPLATE), inputs.keySet());
        assertEquals(64, inputs.get(TEMPLATE).length());
    }

    @Test
    void aResourcePathCannotLeaveTheSourceRoot() {
        assertEquals(null, Inputs.file(root, "../../etc/passwd"));
        assertEquals(root.resolve("a/b.tmpl"), Inputs.file(root, "a/b.tmpl"));
    }
}
